#!/usr/bin/env bash
# The official CycloneDX 1.6 JSON schema (and the SPDX and JSF schemas it references), for the test
# that validates the SBOMs the SDK writes. They ship in the npm package @cyclonedx/cyclonedx-library,
# fetched with npm itself into artifacts/cyclonedx-schema/ (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=10.3.0
dest="$root/artifacts/cyclonedx-schema"
[ -f "$dest/.complete-$version" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@cyclonedx/cyclonedx-library@$version" --silent >/dev/null)
tar -xzf "$work"/cyclonedx-cyclonedx-library-"$version".tgz -C "$work"
rm -rf "$dest" && mkdir -p "$dest"
cp "$work"/package/res/schema/bom-1.6.SNAPSHOT.schema.json "$work"/package/res/schema/spdx.SNAPSHOT.schema.json "$work"/package/res/schema/jsf-0.82.SNAPSHOT.schema.json "$dest/"
touch "$dest/.complete-$version"
