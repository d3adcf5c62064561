#!/usr/bin/env bash
# No-op `dotnet build` of samples/Hello against, in the same run:
#  (a) an empty Microsoft.Build.NoTargets project (the cost of any MSBuild SDK project doing no work)
#  (b) a Microsoft.NET.Sdk project with the hand-written <Exec Command="go build …"> after Build.
# Prints both ratios. Targets (issue 2): ≤ 1.10× (a) and < 1.0× (b).
#   bench/noop/run.sh [--runs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=20
[ "${1:-}" = "--runs" ] && runs="$2"
bench_setup noop
bench_workspace "$work" '"Microsoft.Build.NoTargets": "3.7.0"'

# The sample, as a user has it.
mkdir -p "$work/hello"
cp "$root/samples/Hello/"{Hello.csproj,go.mod,main.go} "$work/hello/"
sed -i "s|<Version>|<GoToolchainRoot>$goroot</GoToolchainRoot><Version>|" "$work/hello/Hello.csproj"

# (a) An empty NoTargets project.
mkdir -p "$work/notargets"
cat > "$work/notargets/notargets.proj" <<'XML'
<Project Sdk="Microsoft.Build.NoTargets">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
</Project>
XML

# (b) What people hand-write today: a .NET project that shells out to go build after Build.
mkdir -p "$work/exec"
cp "$root/samples/Hello/"{go.mod,main.go} "$work/exec/"
cat > "$work/exec/exec.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><EnableDefaultCompileItems>false</EnableDefaultCompileItems></PropertyGroup>
  <Target Name="GoBuildExec" AfterTargets="Build">
    <Exec Command="GOTOOLCHAIN=local GOROOT=$goroot $goroot/bin/go build -trimpath -o \$(OutDir)hello ." />
  </Target>
</Project>
XML

for p in hello/Hello.csproj notargets/notargets.proj exec/exec.csproj; do
  dotnet build "$work/$p" -nologo -v:q >/dev/null
done
"$work/hello/bin/Debug/Hello"

hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" \
  -n gobuild "dotnet build $work/hello/Hello.csproj -nologo -v:q" \
  -n notargets "dotnet build $work/notargets/notargets.proj -nologo -v:q" \
  -n exec "dotnet build $work/exec/exec.csproj -nologo -v:q"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
g, n, e = (r[k]["median"] for k in ("gobuild", "notargets", "exec"))
print(f"median no-op build: GoBuild.Sdk {g*1000:.0f} ms, NoTargets {n*1000:.0f} ms, NET.Sdk+Exec go build {e*1000:.0f} ms")
print(f"ratio GoBuild.Sdk / empty NoTargets project:        {g/n:.2f}x (target <= 1.10)")
print(f"ratio GoBuild.Sdk / NET.Sdk + Exec go build:         {g/e:.2f}x (target < 1.00)")
PY
