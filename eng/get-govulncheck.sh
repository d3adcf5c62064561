#!/usr/bin/env bash
# govulncheck 1.0.4 (Debian trixie's package "govulncheck") into artifacts/govulncheck/, for the test
# of GoVulnCheck. Uses a private apt configuration (as eng/get-go.sh does) so the system's apt is
# left alone; idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/artifacts/govulncheck"
[ -x "$dest/govulncheck" ] && [ -f "$dest/.complete-1.0.4" ] && exit 0
apt_dir="$root/artifacts/apt-govulncheck"
mkdir -p "$apt_dir/sources.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dest"
# The machine's own Debian address; never written into the repository.
uri="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
[ -n "$uri" ] || uri="$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
[ -n "$uri" ] || { echo "get-govulncheck: cannot find the machine's Debian package source" >&2; exit 1; }
printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$apt_dir/sources.d/trixie.sources"
apt=(apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt_dir/sources.d" -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" -o Debug::NoLocking=1)
"${apt[@]}" update >"$apt_dir/update.log" 2>&1 || { cat "$apt_dir/update.log" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && "${apt[@]}" download govulncheck=1.0.4-1 >/dev/null 2>&1)
dpkg -x "$work"/govulncheck_*.deb "$work/x"
cp "$work/x/usr/bin/govulncheck" "$dest/govulncheck"
touch "$dest/.complete-1.0.4"
