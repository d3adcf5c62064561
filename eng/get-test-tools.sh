#!/usr/bin/env bash
# Provides the tools other than Go that tests and benchmarks run, the way eng/get-go.sh provides
# Go: Debian packages fetched with a private apt configuration (eng/apt-private.sh; the system's
# apt state is left alone) and unpacked with `dpkg -x`. Nothing is installed system-wide.
#
#   eng/get-test-tools.sh
#
# Results (all under the ignored .tools/ folder, or GOBUILD_TOOLS_DIR; idempotent):
#   .tools/debian/                    the packages below plus every package of their dependency
#                                     closure that this machine lacks, unpacked
#   .tools/bin/qemu-aarch64-static    runs linux/arm64 binaries (qemu-user-static); a dynamically
#                                     linked one needs -L .tools/debian/usr/aarch64-linux-gnu
#   .tools/bin/aarch64-linux-gnu-gcc  the arm64 C cross-compiler (gcc-aarch64-linux-gnu with
#                                     libc6-dev-arm64-cross), a wrapper that sets --sysroot
#   .tools/bin/hyperfine              the benchmarks' timer
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${GOBUILD_TOOLS_DIR:-$root/.tools}"
mkdir -p "$tools" && tools="$(cd "$tools" && pwd)"  # apt resolves relative Dir:: paths under /etc/apt
# All from Debian 12, the release of the build machine: its host libraries satisfy what these
# binaries link against.
packages=(qemu-user-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross hyperfine)
suites=(bookworm bookworm-updates)
# Packages that always come into the tree even when the machine has them installed, so the tree is
# complete on its own: the requested ones and the cross toolchain's and qemu's own parts.
own='(-cross|-cross-base|aarch64-linux-gnu|aarch64-linux-gnu-base)$|^qemu-'

tree="$tools/debian"
bin="$tools/bin"
apt_dir="$tools/apt-test-tools"
stamp="packages: ${packages[*]}; suites: ${suites[*]}"
entry_points=(qemu-aarch64-static aarch64-linux-gnu-gcc hyperfine)

[ "$(uname -m)" = x86_64 ] || { echo "get-test-tools: the arm64 cross tools are provided for x86_64 hosts only, not $(uname -m)" >&2; exit 1; }
multiarch=x86_64-linux-gnu

# The host's own C compiler (cgo for linux/amd64: c-shared libraries, the interop tests) is the
# machine's gcc, as on any Debian build machine; it is not fetched here (a relocated host gcc would
# need a sysroot holding the host's libc as well). Say so at once rather than in failing tests.
command -v gcc >/dev/null \
  || echo "get-test-tools: warning: no gcc on this machine; the tests that build cgo for the host need Debian's gcc" >&2

complete() {
  [ -f "$tree/.complete" ] && [ "$(cat "$tree/.complete")" = "$stamp" ] || return 1
  local e
  for e in "${entry_points[@]}"; do [ -x "$bin/$e" ] || return 1; done
}

if complete; then
  echo "get-test-tools: ${packages[*]} already at $tree"
  exit 0
fi

# shellcheck source=eng/apt-private.sh
. "$root/eng/apt-private.sh"
apt_private_init "$apt_dir" "${suites[@]}"

# The dependency closure: what `apt-get install` would unpack on this machine, simulated against
# a copy of the machine's package status without the tree's own packages (see `own`). A package
# the machine has at another version ("Inst name [installed] (candidate …)") is left out: its
# installed files serve, and unpacking a second copy of a host library would shadow it.
python3 - /var/lib/dpkg/status "$apt_dir/status" "$own" "${packages[@]}" <<'PY'
import re, sys
source, target, own, requested = sys.argv[1], sys.argv[2], re.compile(sys.argv[3]), set(sys.argv[4:])
text = open(source, encoding="utf-8", errors="surrogateescape").read()
kept = []
for stanza in re.split(r"\n\s*\n", text):
    m = re.match(r"Package: (\S+)", stanza)
    if m and (m.group(1) in requested or own.search(m.group(1))):
        continue
    if stanza.strip():
        kept.append(stanza.strip("\n"))
with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
    f.write("\n\n".join(kept) + "\n")
PY
apt_private "$apt_dir" -o Dir::State::status="$apt_dir/status" -s install --no-install-recommends "${packages[@]}" \
  >"$apt_dir/plan.log" 2>&1 || { cat "$apt_dir/plan.log" >&2; exit 1; }
mapfile -t closure < <(awk '/^Inst / && $3 !~ /^\[/ { v = $3; gsub(/[()]/, "", v); print $2 "=" v }' "$apt_dir/plan.log")
for p in "${packages[@]}"; do
  printf '%s\n' "${closure[@]}" | grep -q "^$p=" \
    || { echo "get-test-tools: $p is not in the plan apt made:" >&2; cat "$apt_dir/plan.log" >&2; exit 1; }
done

mkdir -p "$tools"
stage="$(mktemp -d "$tools/.debian-stage-XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/debs" "$stage/root" "$stage/bin"
(cd "$stage/debs" && apt_private "$apt_dir" download "${closure[@]}" >"$apt_dir/download.log" 2>&1) \
  || { cat "$apt_dir/download.log" >&2; exit 1; }
for deb in "$stage/debs"/*.deb; do dpkg -x "$deb" "$stage/root"; done
# qemu-user-static holds an emulator for every architecture (400 MB); keep the ones Go targets here.
find "$stage/root/usr/bin" -name 'qemu-*-static' ! -name qemu-aarch64-static ! -name qemu-arm-static -delete
find "$stage/root/usr/sbin" "$stage/root/usr/lib/binfmt.d" -name '*qemu*' -delete 2>/dev/null || true

# Entry points, relative to their own location so a moved clone keeps working.
ln -s ../debian/usr/bin/qemu-aarch64-static "$stage/bin/qemu-aarch64-static"
ln -s ../debian/usr/bin/hyperfine "$stage/bin/hyperfine"
cat > "$stage/bin/aarch64-linux-gnu-gcc" <<SH
#!/bin/sh
# Written by eng/get-test-tools.sh: Debian's arm64 cross gcc unpacked under ../debian. gcc finds
# its cc1, as and ld relative to its own location; --sysroot makes it take headers, crt files and
# libc from the tree instead of /usr/aarch64-linux-gnu (and keeps the host's /usr/include out);
# the host libraries the tree brought (binutils' libbfd-*-arm64, ...) are on LD_LIBRARY_PATH.
tree="\$(cd "\$(dirname "\$0")/../debian" && pwd -P)"
LD_LIBRARY_PATH="\$tree/usr/lib/$multiarch\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
exec "\$tree/usr/bin/aarch64-linux-gnu-gcc" --sysroot="\$tree" "\$@"
SH
chmod 0755 "$stage/bin/aarch64-linux-gnu-gcc"

rm -rf "$tree"
mv "$stage/root" "$tree"
mkdir -p "$bin"
for e in "${entry_points[@]}"; do rm -f "$bin/$e"; mv "$stage/bin/$e" "$bin/$e"; done

# The closure is complete when the tools do their job: compile and link a C program for arm64
# against the tree's libc, run it under the tree's qemu with the tree's loader; run hyperfine.
check="$stage/check"
mkdir -p "$check"
printf '#include <stdio.h>\nint main(void) { printf("arm64 %%d\\n", (int)sizeof(long)); return 0; }\n' > "$check/t.c"
"$bin/aarch64-linux-gnu-gcc" -o "$check/t" "$check/t.c" \
  || { echo "get-test-tools: the unpacked arm64 cross gcc cannot build a C program" >&2; exit 1; }
out="$("$bin/qemu-aarch64-static" -L "$tree/usr/aarch64-linux-gnu" "$check/t")" \
  || { echo "get-test-tools: qemu-aarch64-static cannot run the arm64 program" >&2; exit 1; }
[ "$out" = "arm64 8" ] || { echo "get-test-tools: the arm64 program printed '$out'" >&2; exit 1; }
"$bin/hyperfine" --version >/dev/null || { echo "get-test-tools: hyperfine does not run" >&2; exit 1; }

printf '%s\n' "${closure[@]}" > "$tree/.packages"
echo "$stamp" > "$tree/.complete"
echo "get-test-tools: ${#closure[@]} packages unpacked at $tree; entry points in $bin"
