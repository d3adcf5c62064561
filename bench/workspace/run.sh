#!/usr/bin/env bash
# Monorepo figures of issue 10, each against its baseline in the same run (medians of interleaved
# rounds, bench/interleave.py: every command once per round, so the machine's drift hits all alike):
#  (a) cold build of 8 commands from one project (GoPackage=./cmd/...) vs one raw
#      `go build -o dir/ ./cmd/...`, each with an empty Go build cache            target <= 1.05x
#  (b) the same 8 commands as 8 projects in a solution, `dotnet build -m`, vs that raw go  (report)
#  (c) an edit of a library package all 8 import, then build, vs the same edit + raw go    target <= 1.10x
#      and, from the same run, what the SDK adds: that build minus an empty NoTargets project's
#      no-op (dotnet's own floor, which alone is several times raw go's edit build), vs raw go
#  (d) no-op of a 12-project solution (3 go.work modules) vs 12 empty NoTargets projects   target <= 1.05x
#  (e) no-op of a project in a module of 5,000 .go files in 1,000 packages vs an empty NoTargets
#      project in the same folder (target <= 1.05x) and vs one in a small folder (report)
#   bench/workspace/run.sh [--runs N] [--cold-runs N] [--only cold|edit|noop]
# Every figure is printed with the load average (1 min) before and after its timed rounds: the
# machine is shared, so compare the ratios of one run, not absolute times across runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=10 cold=3 only=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold-runs) cold="$2"; shift 2 ;;
    --only)
      case "$2" in cold|edit|noop) only="$2" ;; *) echo "--only takes cold, edit or noop, not '$2'" >&2; exit 2 ;; esac
      shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
bench_setup workspace
bench_workspace "$work" '"Microsoft.Build.NoTargets": "3.7.0"'
# The supply chain (audit, SBOM, provenance) is not what is measured: raw go writes none of it, and
# the audit would ask the network for vulnerability data (bench/supply-chain measures that).
# Two projects share the big module's root folder: the NoTargets one keeps its obj/ apart.
printf '<Project>\n  <PropertyGroup>\n    <GoAudit>false</GoAudit>\n    <GoSbom>false</GoSbom>\n    <GoProvenance>false</GoProvenance>\n    <BaseIntermediateOutputPath Condition="%s">obj/notargets/</BaseIntermediateOutputPath>\n  </PropertyGroup>\n</Project>\n' "'\$(MSBuildProjectName)' == 'notargets'" > "$work/Directory.Build.props"
gobin="$goroot/bin/go"
part() { [ -z "$only" ] || [ "$only" = "$1" ]; }
# The 1-minute load average, written next to a part's figures as it starts and ends.
load() { cut -d' ' -f1 /proc/loadavg > "$work/$1.load"; }
export GOTOOLCHAIN=local GOFLAGS= GOPROXY=off GOWORK=off GOTELEMETRY=off

# One module with 8 commands that all import one library package.
mods="$work/mod"
mkdir -p "$mods/lib"
printf 'module example.com/tools\n\ngo 1.22\n' > "$mods/go.mod"
printf 'package lib\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\n// Name is what the commands print.\nfunc Name(s string) string { b, _ := json.Marshal(s); _ = http.StatusOK; return string(b) }\n' > "$mods/lib/lib.go"
for i in 1 2 3 4 5 6 7 8; do
  mkdir -p "$mods/cmd/tool$i"
  printf 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/tools/lib"\n)\n\nfunc main() { fmt.Println(lib.Name("tool%s")) }\n' "$i" > "$mods/cmd/tool$i/main.go"
  printf '<Project Sdk="GoBuild.Sdk">\n  <PropertyGroup>\n    <GoToolchainRoot>%s</GoToolchainRoot>\n    <GoBuildCacheDir>%s</GoBuildCacheDir>\n  </PropertyGroup>\n</Project>\n' "$goroot" "$work/gocache-b" > "$mods/cmd/tool$i/tool$i.csproj"
done
printf '<Project Sdk="GoBuild.Sdk">\n  <PropertyGroup>\n    <GoToolchainRoot>%s</GoToolchainRoot>\n    <GoPackage>./cmd/...</GoPackage>\n    <GoBuildCacheDir>%s</GoBuildCacheDir>\n  </PropertyGroup>\n</Project>\n' "$goroot" "$work/gocache-a" > "$mods/tools.csproj"
{ echo '<Solution>'; for i in 1 2 3 4 5 6 7 8; do echo "  <Project Path=\"cmd/tool$i/tool$i.csproj\" />"; done; echo '</Solution>'; } > "$mods/eight.slnx"
dotnet restore "$mods/tools.csproj" -nologo -v:q >/dev/null
dotnet restore "$mods/eight.slnx" -nologo -v:q >/dev/null
# The same build as the SDK's: cgo off (GoCgoEnabled's default for exe). go's own default turns cgo on
# when a C compiler is found, and would then also compile runtime/cgo and net's cgo files.
raw="cd $mods && GOROOT=$goroot CGO_ENABLED=0 $gobin build -trimpath -buildvcs=false -o $work/rawout/ ./cmd/..."

if part cold; then
load cold.before
"$interleave" --runs "$cold" --export-json "$work/cold.json" \
  -n one-project --prepare "rm -rf $work/gocache-a $mods/bin $mods/obj/Debug" "dotnet build $mods/tools.csproj --no-restore -nologo -v:q" \
  -n eight-projects --prepare "rm -rf $work/gocache-b $mods/cmd/*/bin $mods/cmd/*/obj/Debug" "dotnet build $mods/eight.slnx -m --no-restore -nologo -v:q" \
  -n raw --prepare "rm -rf $work/gocache-raw $work/rawout" "GOCACHE=$work/gocache-raw bash -c '$raw'"
load cold.after
ls "$mods/bin/Debug/" | grep -c tool >/dev/null
fi

# (c) warm caches, one edit of the library all commands import; an empty NoTargets project's no-op
# in the same run (after the same edit, which it does not read) is dotnet's floor.
if part edit; then
floor="$work/floor"
mkdir -p "$floor"
printf '<Project Sdk="Microsoft.Build.NoTargets">\n  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>\n</Project>\n' > "$floor/floor.csproj"
dotnet build "$floor/floor.csproj" -nologo -v:q >/dev/null
dotnet build "$mods/tools.csproj" --no-restore -nologo -v:q >/dev/null
GOCACHE="$work/gocache-raw" bash -c "$raw"
load edit.before
"$interleave" --runs "$runs" --export-json "$work/edit.json" \
  -n one-project --prepare "echo \"// \$(date +%s%N)\" >> $mods/lib/lib.go" "dotnet build $mods/tools.csproj --no-restore -nologo -v:q" \
  -n raw --prepare "echo \"// \$(date +%s%N)\" >> $mods/lib/lib.go" "GOCACHE=$work/gocache-raw bash -c '$raw'" \
  -n notargets-noop --prepare "echo \"// \$(date +%s%N)\" >> $mods/lib/lib.go" "dotnet build $floor/floor.csproj --no-restore -nologo -v:q"
load edit.after
fi

if part noop; then

# (d) 12 Go projects over 3 workspace modules (4 commands each), and 12 empty NoTargets projects.
sol="$work/solution"
mkdir -p "$sol"
printf 'go 1.22\n\nuse (\n\t./a\n\t./b\n\t./c\n)\n' > "$sol/go.work"
{ echo '<Solution>'
  for m in a b c; do
    mkdir -p "$sol/$m/shared"
    printf 'module example.com/%s\n\ngo 1.22\n' "$m" > "$sol/$m/go.mod"
    printf 'package shared\n\n// Name names the module.\nfunc Name() string { return "%s" }\n' "$m" > "$sol/$m/shared/shared.go"
    for i in 1 2 3 4; do
      mkdir -p "$sol/$m/cmd/p$i"
      printf 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/a/shared"\n)\n\nfunc main() { fmt.Println(shared.Name(), %s) }\n' "$i" > "$sol/$m/cmd/p$i/main.go"
      printf '<Project Sdk="GoBuild.Sdk">\n  <PropertyGroup><GoToolchainRoot>%s</GoToolchainRoot></PropertyGroup>\n</Project>\n' "$goroot" > "$sol/$m/cmd/p$i/$m$i.csproj"
      echo "  <Project Path=\"$m/cmd/p$i/$m$i.csproj\" />"
    done
  done
  echo '</Solution>'; } > "$sol/go.slnx"
{ echo '<Solution>'
  for i in $(seq 1 12); do
    mkdir -p "$sol/empty/e$i"
    printf '<Project Sdk="Microsoft.Build.NoTargets">\n  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>\n</Project>\n' > "$sol/empty/e$i/e$i.csproj"
    echo "  <Project Path=\"empty/e$i/e$i.csproj\" />"
  done
  echo '</Solution>'; } > "$sol/empty.slnx"
dotnet build "$sol/go.slnx" -m -nologo -v:q >/dev/null
dotnet build "$sol/empty.slnx" -m -nologo -v:q >/dev/null
"$sol/a/cmd/p1/bin/Debug/a1" >/dev/null

# (e) a module of 5,000 .go files in 1,000 packages, a Go project and an empty NoTargets project in it,
# and an empty NoTargets project in a small folder.
big="$work/big"
mkdir -p "$big/app" "$work/small/notargets"
printf 'module example.com/big\n\ngo 1.22\n' > "$big/go.mod"
python3 - "$big" <<'PY'
import os, sys
root = sys.argv[1]
for p in range(1000):
    d = os.path.join(root, "pkg", f"p{p // 100}", f"q{p}")
    os.makedirs(d, exist_ok=True)
    for f in range(5):
        open(os.path.join(d, f"f{f}.go"), "w").write(f"package q{p}\n\n// F{f} is filler.\nfunc F{f}() int {{ return {f} }}\n")
PY
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("big") }\n' > "$big/app/main.go"
# The Go project sits at the module root, where default item globs would walk all 5,000 files.
printf '<Project Sdk="GoBuild.Sdk">\n  <PropertyGroup><GoToolchainRoot>%s</GoToolchainRoot><GoPackage>./app</GoPackage></PropertyGroup>\n</Project>\n' "$goroot" > "$big/big.csproj"
for dir in "$big" "$work/small/notargets"; do
  printf '<Project Sdk="Microsoft.Build.NoTargets">\n  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>\n</Project>\n' > "$dir/notargets.proj"
done
dotnet build "$big/big.csproj" -nologo -v:q >/dev/null
dotnet build "$big/notargets.proj" -nologo -v:q >/dev/null
dotnet build "$work/small/notargets/notargets.proj" -nologo -v:q >/dev/null

load noop.before
"$interleave" --warmup 2 --runs "$runs" --export-json "$work/noop.json" \
  -n solution "dotnet build $sol/go.slnx -m -nologo -v:q" \
  -n empty-solution "dotnet build $sol/empty.slnx -m -nologo -v:q" \
  -n big-module "dotnet build $big/big.csproj -nologo -v:q" \
  -n notargets-same-folder "dotnet build $big/notargets.proj -nologo -v:q" \
  -n notargets-small-folder "dotnet build $work/small/notargets/notargets.proj -nologo -v:q"
load noop.after
fi

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
def medians(name):
    path = f"{work}/{name}.json"
    return {x["command"]: x["median"] for x in json.load(open(path))["results"]} if os.path.exists(path) else None
def load(name):
    return " -> ".join(open(f"{work}/{name}.{when}.load").read().strip() for when in ("before", "after"))
c, e, n = medians("cold"), medians("edit"), medians("noop")
if c:
    print(f"(a) cold, 8 commands, one project / raw go build -o dir/ ./cmd/...: {c['one-project']:.2f} s / {c['raw']:.2f} s = {c['one-project']/c['raw']:.2f}x (target <= 1.05; load {load('cold')})")
    print(f"(b) cold, 8 projects -m / raw go build:                           {c['eight-projects']:.2f} s / {c['raw']:.2f} s = {c['eight-projects']/c['raw']:.2f}x (report; load {load('cold')})")
if e:
    sdk = e['one-project'] - e['notargets-noop']
    print(f"(c) library edit, one project / raw go build:                      {e['one-project']:.2f} s / {e['raw']:.2f} s = {e['one-project']/e['raw']:.2f}x (target <= 1.10; load {load('edit')})")
    print(f"    without dotnet's floor (minus an empty NoTargets no-op, {e['notargets-noop']:.2f} s): {sdk:.2f} s / {e['raw']:.2f} s = {sdk/e['raw']:.2f}x (the SDK's share; load {load('edit')})")
if n:
    print(f"(d) no-op, 12 Go projects / 12 NoTargets projects, -m:             {n['solution']*1000:.0f} ms / {n['empty-solution']*1000:.0f} ms = {n['solution']/n['empty-solution']:.2f}x (target <= 1.05; load {load('noop')})")
    print(f"(e) no-op in a 5,000-file module / NoTargets in the same folder:   {n['big-module']*1000:.0f} ms / {n['notargets-same-folder']*1000:.0f} ms = {n['big-module']/n['notargets-same-folder']:.2f}x (target <= 1.05; load {load('noop')})")
    print(f"    no-op in a 5,000-file module / NoTargets in a small folder:    {n['big-module']*1000:.0f} ms / {n['notargets-small-folder']*1000:.0f} ms = {n['big-module']/n['notargets-small-folder']:.2f}x (report; load {load('noop')})")
PY
