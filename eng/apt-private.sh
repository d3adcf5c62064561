# A private apt configuration for fetching Debian packages without touching the system's apt
# state (sources, lists, cache, locks): sourced by eng/get-go.sh and eng/get-test-tools.sh, not
# run on its own. Packages are only downloaded and unpacked with `dpkg -x`; nothing is installed.
#
#   apt_private_init DIR SUITE...   writes DIR/sources.d for SUITE... of the machine's own Debian
#                                   source and runs `apt-get update` into DIR (once per process)
#   apt_private DIR ARGS...         runs apt-get ARGS... with DIR's configuration

apt_private() {
  local dir="$1"; shift
  # Dir::Etc::PreferencesParts: the machine's pins (for other vendors' packages) must not steer
  # which Debian versions are chosen. APT::Sandbox::User=root: files are written as the caller,
  # not by the _apt user (who cannot write into a private folder of another user).
  apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$dir/sources.d" \
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
    -o Dir::Etc::PreferencesParts="$dir/preferences.d" -o Dir::Etc::Preferences=/dev/null \
    -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1 "$@"
}

declare -A _apt_private_ready=()
apt_private_init() {
  local dir="$1"; shift
  [ -n "${_apt_private_ready[$dir]:-}" ] && return 0
  mkdir -p "$dir/sources.d" "$dir/preferences.d" "$dir/lists/partial" "$dir/cache/archives/partial"
  # Reuse the address of the machine's own Debian source; never write it into the repository.
  local uri
  uri="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  if [ -z "$uri" ]; then
    uri="$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  fi
  [ -n "$uri" ] || { echo "apt-private: cannot find the machine's Debian package source" >&2; return 1; }
  rm -f "$dir/sources.d/"*.sources
  cat > "$dir/sources.d/private.sources" <<SRC
Types: deb
URIs: $uri
Suites: $*
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_private "$dir" update >"$dir/update.log" 2>&1 || { cat "$dir/update.log" >&2; return 1; }
  _apt_private_ready[$dir]=1
}
