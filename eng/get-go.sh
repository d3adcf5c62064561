#!/usr/bin/env bash
# Provides real Go toolchains for tests and samples without the public Go download site:
# Debian's golang-X.Y packages are fetched with a private apt configuration (the system's apt
# state is left alone) and unpacked, and each toolchain is also repacked as an archive in the
# official layout with an index.json in the official JSON shape, ready to be served by a mirror.
#
#   eng/get-go.sh [VERSION ...]      (default: 1.22.12 1.26.11)
#
# Results (all under the ignored .tools/ folder, idempotent):
#   .tools/go/go<VERSION>/                      a relocatable GOROOT (no symlinks)
#   .tools/go-mirror/go<VERSION>.linux-amd64.tar.gz
#   .tools/go-mirror/index.json
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${GOBUILD_TOOLS_DIR:-$root/.tools}"
mkdir -p "$tools" && tools="$(cd "$tools" && pwd)"  # apt resolves relative Dir:: paths under /etc/apt
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(1.22.12 1.26.11)

# Which Debian suite carries which Go release (see ../shared/guides/environment.md).
suite_for() {
  case "$1" in
    1.19.*) echo bookworm ;;
    1.22.*|1.23.*) echo bookworm-backports ;;
    1.24.*) echo trixie ;;
    1.26.*) echo trixie-backports ;;
    *) echo "get-go: no known Debian suite for Go $1" >&2; return 1 ;;
  esac
}

host_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) echo "get-go: unsupported host $(uname -m)" >&2; return 1 ;;
  esac
}

arch="$(host_arch)"
apt_dir="$tools/apt"
mirror="$tools/go-mirror"
mkdir -p "$tools/go" "$mirror"

# shellcheck source=eng/apt-private.sh
. "$root/eng/apt-private.sh"

for v in "${versions[@]}"; do
  v="${v#go}"
  goroot="$tools/go/go$v"
  if [ -f "$goroot/.complete" ] && [ -x "$goroot/bin/go" ]; then
    echo "get-go: go$v already at $goroot"
  else
    minor="${v%.*}"
    suite="$(suite_for "$v")"
    apt_private_init "$apt_dir" bookworm bookworm-backports trixie trixie-backports
    work="$(mktemp -d "$tools/go/.stage-XXXXXX")"
    (cd "$work" && apt_private "$apt_dir" download "golang-$minor-go/$suite" "golang-$minor-src/$suite" >/dev/null)
    for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/x"; done
    # Dereference the relative symlinks into usr/share/go-X.Y so the GOROOT is relocatable.
    mkdir -p "$work/go"
    cp -rL "$work/x/usr/lib/go-$minor/." "$work/go/"
    actual="$(GOTOOLCHAIN=local GOROOT="$work/go" GOENV=off "$work/go/bin/go" env GOVERSION)"
    if [ "$actual" != "go$v" ]; then
      echo "get-go: the Debian suite $suite carries $actual, not go$v" >&2
      rm -rf "$work"; exit 1
    fi
    rm -rf "$goroot"
    mv "$work/go" "$goroot"
    rm -rf "$work"
    touch "$goroot/.complete"
    echo "get-go: go$v installed at $goroot"
  fi

  archive="$mirror/go$v.linux-$arch.tar.gz"
  if [ ! -f "$archive" ]; then
    stage="$(mktemp -d "$mirror/.stage-XXXXXX")"
    mkdir -p "$stage/go"
    (cd "$goroot" && tar --exclude=./.complete -cf - .) | (cd "$stage/go" && tar -xf -)
    # Deterministic archive: same bytes (and so the same SHA-256) on every machine.
    (cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2020-01-01 00:00Z' -cf - go | gzip -n -6 > "$stage/a.tar.gz")
    mv "$stage/a.tar.gz" "$archive"
    rm -rf "$stage"
    echo "get-go: wrote $archive"
  fi
done

# index.json in the official shape, listing every archive in the mirror folder, newest first.
python3 - "$mirror" <<'PY'
import hashlib, json, os, re, sys
mirror = sys.argv[1]
entries = {}
for name in sorted(os.listdir(mirror)):
    m = re.fullmatch(r"(go[0-9][^.]*(?:\.[0-9]+)*?(?:(?:rc|beta)[0-9]+)?)\.([a-z0-9]+)-([a-z0-9]+)\.(tar\.gz|zip)", name)
    if not m:
        continue
    version, goos, goarch, _ = m.groups()
    path = os.path.join(mirror, name)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    entries.setdefault(version, []).append({
        "filename": name, "os": goos, "arch": goarch, "version": version,
        "sha256": h.hexdigest(), "size": os.path.getsize(path), "kind": "archive"})
def key(v):
    return [int(p) if p.isdigit() else 0 for p in re.split(r"[.a-z]+", v[2:]) if p]
index = [{"version": v, "stable": not re.search(r"(rc|beta)", v), "files": entries[v]}
         for v in sorted(entries, key=key, reverse=True)]
with open(os.path.join(mirror, "index.json.tmp"), "w") as f:
    json.dump(index, f, indent=1)
os.replace(os.path.join(mirror, "index.json.tmp"), os.path.join(mirror, "index.json"))
PY
echo "get-go: index at $mirror/index.json"
