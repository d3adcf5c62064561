#!/usr/bin/env bash
# The test command: provides real Go toolchains (eng/get-go.sh) and the other tools tests run
# (eng/get-test-tools.sh: qemu-user-static, the arm64 cross gcc), all under .tools/, runs every
# test project of the solution, and ends with one line "N passed, N failed" summed over all of them.
#   eng/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Incremental]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/artifacts/test-results"

"$root/eng/get-go.sh" || { echo "eng/get-go.sh failed: no Go toolchains for the tests"; echo "0 passed, 1 failed"; exit 1; }
"$root/eng/get-test-tools.sh" || { echo "eng/get-test-tools.sh failed: no qemu or cross gcc for the tests"; echo "0 passed, 1 failed"; exit 1; }

rm -rf "$results"
dotnet test "$root/GoBuild.Sdk.sln" -c Release --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?

python3 - "$results" "$status" <<'PY'
import glob, re, sys
results, status = sys.argv[1], int(sys.argv[2])
passed = failed = skipped = 0
files = glob.glob(f"{results}/**/*.trx", recursive=True)
for path in files:
    text = open(path, encoding="utf-8").read()
    m = re.search(r"<Counters\b([^>]*)/>", text)
    if not m:
        failed += 1
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(1)))
    passed += int(attrs.get("passed", 0))
    failed += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
    skipped += int(attrs.get("notExecuted", 0))
if status != 0 and failed == 0:
    # The build or a test host failed before any result was written: count it, never hide it.
    failed = 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
