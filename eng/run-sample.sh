#!/usr/bin/env bash
# Builds and runs a sample on a fresh machine: provides Go (eng/get-go.sh), packs the SDK from
# this tree into artifacts/packages, builds samples/<name> with `dotnet build`, runs its program.
#   eng/run-sample.sh [Hello]
#   eng/run-sample.sh <name> [arguments…]   a sample with its own run.sh gets the arguments
#   eng/run-sample.sh all                   every sample: Hello, then each one with a run.sh (default run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${1:-Hello}"
[ $# -eq 0 ] || shift

"$root/eng/get-go.sh" >/dev/null
"$root/eng/pack.sh" >/dev/null

# A package folder of the samples' own, emptied of GoBuild.Sdk, so the package just packed is the
# one used (NuGet never refreshes a cached package of the same version).
export NUGET_PACKAGES="$root/artifacts/nuget-samples"
rm -rf "$NUGET_PACKAGES/gobuild.sdk"

case "$sample" in
  all)
    dotnet build "$root/samples/Hello/Hello.csproj" -nologo -v:q
    "$root/samples/Hello/bin/Debug/Hello"
    for run in "$root"/samples/*/run.sh; do
      echo "== $(basename "$(dirname "$run")")"
      "$run"
    done
    ;;
  Hello)
    dotnet build "$root/samples/Hello/Hello.csproj" -nologo -v:q
    "$root/samples/Hello/bin/Debug/Hello"
    ;;
  *)
    if [ -x "$root/samples/$sample/run.sh" ]; then
      exec "$root/samples/$sample/run.sh" "$@"
    fi
    echo "unknown sample: $sample" >&2
    exit 2
    ;;
esac
