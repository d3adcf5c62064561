#!/usr/bin/env bash
# Packs GoBuild.Sdk and GoBuild.Templates into artifacts/packages (the local feed the samples and
# tests restore from; `dotnet new install artifacts/packages/GoBuild.Templates.<version>.nupkg`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet pack "$root/sdk/GoBuild.Sdk/GoBuild.Sdk.csproj" -c Release -o "$root/artifacts/packages" -v:q -nologo "$@"
dotnet pack "$root/templates/GoBuild.Templates/GoBuild.Templates.csproj" -c Release -o "$root/artifacts/packages" -v:q -nologo "$@"
