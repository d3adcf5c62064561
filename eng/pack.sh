#!/usr/bin/env bash
# Packs GoBuild.Sdk into artifacts/packages (the local feed the samples and tests restore from).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet pack "$root/sdk/GoBuild.Sdk/GoBuild.Sdk.csproj" -c Release -o "$root/artifacts/packages" -v:q -nologo "$@"
