#!/usr/bin/env bash
# Cost of the supply-chain work (vulnerability audit, CycloneDX SBOM, in-toto provenance) on the
# samples, in the same run as the same builds of a copy without it (GoAudit, GoSbom and GoProvenance
# false). Target (issue 12): at most 5 % of the build's time. The builds run in
# interleaved rounds (bench/interleave.py), so the machine's drift hits with and without alike.
#  - "edit" builds: a --prepare step appends a line to a Go file first, so go compiles and
#    links again and the audit, SBOM and provenance are regenerated for every output;
#  - "no-op" builds: nothing changed; the only supply-chain work is replaying the audit warnings.
# The audit reads the real database entries of ../shared/fixtures/vulndb as a folder source: the
# same parsing work as a cached HTTP source on a day it is fresh, and no network.
#   bench/supply-chain/run.sh [--runs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=8
[ "${1:-}" = "--runs" ] && runs="$2"
bench_setup supply-chain
vulndb="$(cd "$root/../shared/fixtures/vulndb" && pwd)"

# Two copies of each sample, one with the supply chain on and one with it off, each set in its own
# Directory.Build.props: rounds alternate between them, and flipping -p: properties on one copy
# would make every build re-decide its settings instead of being the edit or no-op it is meant to be.
for mode in on off; do
  value=$([ "$mode" = on ] && echo true || echo false)
  mkdir -p "$work/$mode/Hello" "$work/$mode/MixedMonorepo"
  (cd "$root/samples/Hello" && tar --exclude=bin --exclude=obj -cf - .) | tar -xf - -C "$work/$mode/Hello"
  (cd "$root/samples/MixedMonorepo" && tar --exclude=bin --exclude=obj --exclude=TestResults -cf - go App) | tar -xf - -C "$work/$mode/MixedMonorepo"
  for sample in Hello MixedMonorepo; do
    bench_workspace "$work/$mode/$sample"
    printf '<Project>\n  <PropertyGroup>\n    <GoAudit>%s</GoAudit>\n    <GoSbom>%s</GoSbom>\n    <GoProvenance>%s</GoProvenance>\n  </PropertyGroup>\n</Project>\n' "$value" "$value" "$value" > "$work/$mode/$sample/Directory.Build.props"
  done
done

common="-c Release --no-restore -nologo -v:q -p:GoToolchainRoot=$goroot -p:GoAuditSource=$vulndb"
for mode in on off; do
  for project in "$work/$mode/Hello/Hello.csproj" "$work/$mode/MixedMonorepo/App/App.csproj"; do
    dotnet restore "$project" -p:GoToolchainRoot="$goroot" -nologo -v:q >/dev/null
    dotnet build "$project" $common >/dev/null
  done
done
hello="$work/on/Hello/Hello.csproj"
app="$work/on/MixedMonorepo/App/App.csproj"
echo "documents: $(cd "$work/on" && ls Hello/bin/Release/*.json MixedMonorepo/App/bin/Release/net10.0/*.cdx.json MixedMonorepo/App/bin/Release/net10.0/*.intoto.json | tr '\n' ' ')"
echo "audit of the samples (warnings of an edit build):"
touch "$work/on/Hello/main.go" "$work/on/MixedMonorepo/go/mathlib/mathlib.go" "$work/on/MixedMonorepo/go/sidecar/main.go"
{ dotnet build "$hello" $common; dotnet build "$app" $common; } | grep -oE "warning GOB310[1-4]: [^[]*" | sort -u | sed 's/^/  /' || echo "  (none)"

# Each edit is unique (copy and time): the copies share Go's build cache, and with -trimpath the
# second copy to build the same text would find the first one's compile there.
edit_hello() { echo "echo \"// bench $1 \$(date +%s%N)\" >> $work/$1/Hello/main.go"; }
edit_app() { echo "echo \"// bench $1 \$(date +%s%N)\" >> $work/$1/MixedMonorepo/go/sidecar/main.go; echo \"// bench $1 \$(date +%s%N)\" >> $work/$1/MixedMonorepo/go/mathlib/mathlib.go"; }
"$interleave" --warmup 1 --runs "$runs" --export-json "$work/result.json" \
  -n hello-edit-on --prepare "$(edit_hello on)" "dotnet build $work/on/Hello/Hello.csproj $common" \
  -n hello-edit-off --prepare "$(edit_hello off)" "dotnet build $work/off/Hello/Hello.csproj $common" \
  -n app-edit-on --prepare "$(edit_app on)" "dotnet build $work/on/MixedMonorepo/App/App.csproj $common" \
  -n app-edit-off --prepare "$(edit_app off)" "dotnet build $work/off/MixedMonorepo/App/App.csproj $common" \
  -n hello-noop-on "dotnet build $work/on/Hello/Hello.csproj $common" \
  -n hello-noop-off "dotnet build $work/off/Hello/Hello.csproj $common" \
  -n app-noop-on "dotnet build $work/on/MixedMonorepo/App/App.csproj $common" \
  -n app-noop-off "dotnet build $work/off/MixedMonorepo/App/App.csproj $common"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
for sample in ("hello", "app"):
    for kind in ("edit", "noop"):
        on, off = r[f"{sample}-{kind}-on"], r[f"{sample}-{kind}-off"]
        print(f"{sample:5} {kind:4} build: with supply chain {on*1000:6.0f} ms, without {off*1000:6.0f} ms, ratio {on/off:.3f} ({(on/off-1)*100:+.1f} %)")
PY
