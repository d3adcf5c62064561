#!/usr/bin/env bash
# No-op `dotnet build --no-restore` of samples/MixedMonorepo's App (a C# app with ProjectReferences to a
# Go c-shared library and a Go program) against, in the same run:
#  (a) the same app with no references at all (the floor: what the C# side costs alone);
#  (b) the same app with the glue people hand-write today: two <Exec Command="go build …"> targets
#      before Build and <None CopyToOutputDirectory> items for the outputs.
# Prints both ratios. No target was set for issue 6; the references run no go process on a no-op
# build, and what they cost is MSBuild evaluating and up-to-date-checking two more SDK projects
# (measured with -clp:PerformanceSummary: ~55-120 ms evaluation + ~25-60 ms targets per Go project).
#   bench/interop/run.sh [--runs N]
# The cost of a call across the boundary (generated binding, hand-written DllImport, wasi-reactor) is
# bench/interop/calls.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=15
[ "${1:-}" = "--runs" ] && runs="$2"
bench_setup interop

# Three copies of the sample, next to each other, isolated from the repository's Directory.Build.*.
for variant in gobuild floor exec; do
  mkdir -p "$work/$variant"
  (cd "$root/samples/MixedMonorepo" && tar --exclude=bin --exclude=obj --exclude=TestResults -cf - go App) | tar -xf - -C "$work/$variant"
  bench_workspace "$work/$variant"
done

# (a) No references: the app alone (the P/Invoke and the process start compile, they just would fail at run time).
python3 - "$work/floor/App/App.csproj" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
open(sys.argv[1], "w").write(re.sub(r"\s*<ProjectReference [^>]*/>", "", s))
PY

# (b) Hand-written glue instead of the references.
python3 - "$work/exec/App/App.csproj" "$goroot" <<'PY'
import sys
path, goroot = sys.argv[1], sys.argv[2]
s = open(path).read()
s = s.replace('''    <ProjectReference Include="../go/mathlib/mathlib.csproj" />
    <ProjectReference Include="../go/sidecar/sidecar.csproj" />''', '''    <None Include="../go/mathlib/libmathlib.so" CopyToOutputDirectory="PreserveNewest" Link="libmathlib.so" />
    <None Include="../go/sidecar/sidecar" CopyToOutputDirectory="PreserveNewest" Link="sidecar" />''')
s = s.replace('</Project>', f'''  <Target Name="GoBuildExec" BeforeTargets="BeforeBuild">
    <Exec WorkingDirectory="../go/mathlib" Command="GOTOOLCHAIN=local GOROOT={goroot} CGO_ENABLED=1 {goroot}/bin/go build -trimpath -buildmode=c-shared -o libmathlib.so ." />
    <Exec WorkingDirectory="../go/sidecar" Command="GOTOOLCHAIN=local GOROOT={goroot} CGO_ENABLED=0 {goroot}/bin/go build -trimpath -o sidecar ." />
  </Target>
</Project>''')
open(path, 'w').write(s)
PY

for variant in gobuild floor exec; do
  dotnet build "$work/$variant/App/App.csproj" -p:GoToolchainRoot="$goroot" -nologo -v:q >/dev/null
done
"$work/gobuild/App/bin/Debug/net10.0/App" | head -1

hyperfine --warmup 2 --runs "$runs" --export-json "$work/result.json" \
  -n gobuild "dotnet build $work/gobuild/App/App.csproj --no-restore -p:GoToolchainRoot=$goroot -nologo -v:q" \
  -n floor "dotnet build $work/floor/App/App.csproj --no-restore -nologo -v:q" \
  -n exec "dotnet build $work/exec/App/App.csproj --no-restore -nologo -v:q"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
g, f, e = (r[k]["median"] for k in ("gobuild", "floor", "exec"))
print(f"median no-op build of App: with Go ProjectReferences {g*1000:.0f} ms, no references {f*1000:.0f} ms, hand-written Exec go build {e*1000:.0f} ms")
print(f"ratio Go ProjectReferences / no references:       {g/f:.2f}x (two more SDK projects to evaluate and check; no go runs)")
print(f"ratio Go ProjectReferences / hand-written Exec:   {g/e:.2f}x (Exec runs two go no-op builds but evaluates no project)")
PY
