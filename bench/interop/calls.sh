#!/usr/bin/env bash
# Call overhead, with BenchmarkDotNet 0.15.8 (in process): one call of a Go export Add(40, 2) through
#  (a) a hand-written [DllImport] (the baseline),
#  (b) the [LibraryImport] binding GoBuild.Sdk generates for a c-shared library (target: <= 1.05x of a),
#  (c) the Wasmtime binding of the same function built with GoBuildMode=wasi-reactor (reported);
# and one call of Len(s string) (a Go string parameter, 32 ASCII bytes) through the generated binding
# against a hand-written [DllImport] that encodes the UTF-8 on the stack the same way (reported).
#   bench/interop/calls.sh [--iterations N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
iterations=20
[ "${1:-}" = "--iterations" ] && iterations="$2"
bench_setup interop-calls

mkdir -p "$work/ws"
cp -r "$root/bench/interop/calls/." "$work/ws/"
bench_workspace "$work/ws"
# The feed plus the machine's sources (BenchmarkDotNet, Wasmtime).
dotnet build "$work/ws/Bench/Bench.csproj" -c Release -p:GoToolchainRoot="$goroot" -p:GoAudit=false -nologo -v:q >/dev/null  # the audit is not what is measured: no vulnerability data needed
# One process per group (see Program.cs): the P/Invoke paths, then the wasi-reactor path.
: > "$work/bdn.log"
for group in native wasm; do
  if ! (cd "$work/ws/Bench" && dotnet "bin/Release/net10.0/Bench.dll" --only "$group" --iterations "$iterations") > "$work/bdn-$group.log" 2>&1; then
    tail -20 "$work/bdn-$group.log" >&2
    echo "bench/interop/calls.sh: the $group benchmark process failed (log: $work/bdn-$group.log)" >&2
    exit 1
  fi
  grep -E "^\| |RESULT" "$work/bdn-$group.log" || true
  cat "$work/bdn-$group.log" >> "$work/bdn.log"
done

python3 - "$work/bdn.log" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        _, name, value = line.split()
        r[name] = float(value)
h, g, w = r["HandWrittenDllImport"], r["GeneratedBinding"], r["WasiReactor"]
print(f"median call: hand-written DllImport {h:.2f} ns, generated binding {g:.2f} ns, wasi-reactor (Wasmtime) {w:.2f} ns")
print(f"ratio generated / hand-written: {g/h:.3f}x (target <= 1.05x: {'met' if g/h <= 1.05 else 'NOT met'})")
print(f"ratio wasi-reactor / hand-written: {w/h:.2f}x")
hs, gs = r["HandWrittenGoString"], r["GeneratedGoString"]
print(f"median call with a Go string parameter: hand-written {hs:.2f} ns, generated binding {gs:.2f} ns, ratio {gs/hs:.3f}x")
PY
