#!/usr/bin/env bash
# Builds, tests and runs this sample (eng/run-sample.sh Workspace [arguments…] calls it with the SDK
# freshly packed). Default: build the solution, run Go and C# tests, run the app.
#   eng/run-sample.sh Workspace                     build + test + run
#   eng/run-sample.sh Workspace test Workspace.slnx another dotnet command
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
# samples/Directory.Build.props looks for Go under the repository's .tools; eng/get-go.sh may have
# put it elsewhere (GOBUILD_TOOLS_DIR).
go_root="${GOBUILD_TOOLS_DIR:-$root/.tools}/go/go1.26.11"
if [ $# -gt 0 ]; then
  exec dotnet "$@" --property:GoToolchainRoot="$go_root"
fi
dotnet build Workspace.slnx -m -nologo -v:q --property:GoToolchainRoot="$go_root"
dotnet test Workspace.slnx --no-build -nologo --property:GoToolchainRoot="$go_root"
dotnet run --project App --no-build
