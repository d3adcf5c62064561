#!/usr/bin/env bash
# Builds or runs a sample with the SDK packed from this tree, never with a stale cached copy.
#   eng/run-sample.sh <sample> [dotnet arguments…]     (default arguments: build)
#   eng/run-sample.sh MixedMonorepo run --project App
#   eng/run-sample.sh MixedMonorepo test
# The SDK is packed into artifacts/packages (the samples' local feed, see samples/NuGet.config), and
# restored into a private package folder (artifacts/sample-packages) from which every earlier
# GoBuild.Sdk is removed first: NuGet never re-extracts a version it already holds, and the
# samples all use 0.1.0-dev. Go comes from eng/get-go.sh (GOBUILD_TOOLS_DIR is honoured).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${1:?usage: eng/run-sample.sh <sample> [dotnet arguments...]}"
shift
[ $# -gt 0 ] || set -- build
dir="$root/samples/$sample"
[ -d "$dir" ] || { echo "run-sample: no sample '$sample' in samples/" >&2; exit 2; }

tools="${GOBUILD_TOOLS_DIR:-$root/.tools}"
"$root/eng/get-go.sh" 1.26.11 >/dev/null
"$root/eng/pack.sh"

export NUGET_PACKAGES="$root/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/gobuild.sdk"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cd "$dir"
# samples/Directory.Build.props finds Go under the repository's .tools; say where it really is.
exec dotnet "$@" --property:GoToolchainRoot="$tools/go/go1.26.11"
