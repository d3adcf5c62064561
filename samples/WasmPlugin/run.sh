#!/usr/bin/env bash
# Runs a dotnet command on this sample (eng/run-sample.sh WasmPlugin [arguments…] calls it with the
# SDK freshly packed). Default: run the host.
#   eng/run-sample.sh WasmPlugin                          dotnet run --project Host
#   eng/run-sample.sh WasmPlugin publish Host -r linux-x64
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -gt 0 ] || set -- run --project Host
cd "$here"
# samples/Directory.Build.props looks for Go under the repository's .tools; eng/get-go.sh may have
# put it elsewhere (GOBUILD_TOOLS_DIR).
exec dotnet "$@" --property:GoToolchainRoot="${GOBUILD_TOOLS_DIR:-$root/.tools}/go/go1.26.11"
