#!/usr/bin/env bash
# Cost of the supply-chain work (vulnerability audit, CycloneDX SBOM, in-toto provenance) on the
# samples, in the same run as the same builds without it (-p:GoAudit=false -p:GoSbom=false
# -p:GoProvenance=false). Target (issue 12): at most 5 % of the build's time.
#  - "edit" builds: hyperfine's --prepare appends a line to a Go file first, so go compiles and
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

mkdir -p "$work/Hello" "$work/MixedMonorepo"
(cd "$root/samples/Hello" && tar --exclude=bin --exclude=obj -cf - .) | tar -xf - -C "$work/Hello"
(cd "$root/samples/MixedMonorepo" && tar --exclude=bin --exclude=obj --exclude=TestResults -cf - go App) | tar -xf - -C "$work/MixedMonorepo"
for sample in Hello MixedMonorepo; do bench_workspace "$work/$sample"; done

common="-c Release --no-restore -nologo -v:q -p:GoToolchainRoot=$goroot -p:GoAuditSource=$vulndb"
on="-p:GoAudit=true -p:GoSbom=true -p:GoProvenance=true"
off="-p:GoAudit=false -p:GoSbom=false -p:GoProvenance=false"
hello="$work/Hello/Hello.csproj"
app="$work/MixedMonorepo/App/App.csproj"
for project in "$hello" "$app"; do
  dotnet restore "$project" -p:GoToolchainRoot="$goroot" -nologo -v:q >/dev/null
  dotnet build "$project" $common $off >/dev/null
  dotnet build "$project" $common $on >/dev/null
done
echo "documents: $(cd "$work" && ls Hello/bin/Release/*.json MixedMonorepo/App/bin/Release/net10.0/*.cdx.json MixedMonorepo/App/bin/Release/net10.0/*.intoto.json | tr '\n' ' ')"
echo "audit of the samples (warnings of an edit build):"
touch "$work/Hello/main.go" "$work/MixedMonorepo/go/mathlib/mathlib.go" "$work/MixedMonorepo/go/sidecar/main.go"
{ dotnet build "$hello" $common $on; dotnet build "$app" $common $on; } | grep -oE "warning GOB310[1-4]: [^[]*" | sort -u | sed 's/^/  /' || echo "  (none)"

edit_hello="echo '// bench' >> $work/Hello/main.go"
edit_app="echo '// bench' >> $work/MixedMonorepo/go/sidecar/main.go; echo '// bench' >> $work/MixedMonorepo/go/mathlib/mathlib.go"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/result.json" \
  -n hello-edit-on --prepare "$edit_hello" "dotnet build $hello $common $on" \
  -n hello-edit-off --prepare "$edit_hello" "dotnet build $hello $common $off" \
  -n app-edit-on --prepare "$edit_app" "dotnet build $app $common $on" \
  -n app-edit-off --prepare "$edit_app" "dotnet build $app $common $off" \
  -n hello-noop-on --prepare true "dotnet build $hello $common $on" \
  -n hello-noop-off --prepare true "dotnet build $hello $common $off" \
  -n app-noop-on --prepare true "dotnet build $app $common $on" \
  -n app-noop-off --prepare true "dotnet build $app $common $off"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
for sample in ("hello", "app"):
    for kind in ("edit", "noop"):
        on, off = r[f"{sample}-{kind}-on"], r[f"{sample}-{kind}-off"]
        print(f"{sample:5} {kind:4} build: with supply chain {on*1000:6.0f} ms, without {off*1000:6.0f} ms, ratio {on/off:.3f} ({(on/off-1)*100:+.1f} %)")
PY
