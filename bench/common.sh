# Shared set-up of the benchmarks; sourced by bench/*/run.sh, not run on its own.
#
#   bench_setup NAME [TOOL ...]
#     Provides Go (eng/get-go.sh) and hyperfine (eng/get-test-tools.sh; .tools/bin goes first on
#     PATH), checks that each TOOL is on the machine (nothing is installed system-wide), packs the
#     SDK from this tree into a feed of the benchmark's own, and starts from an empty
#     artifacts/bench/NAME with an isolated NuGet package folder and per-user cache, MSBuild
#     settings as on CI. Sets: root, tools, goroot, work, feed, version.
#   bench_workspace DIR [EXTRA_MSBUILD_SDKS]
#     Makes DIR a workspace: global.json naming GoBuild.Sdk (plus EXTRA_MSBUILD_SDKS, JSON members
#     such as '"Microsoft.Build.NoTargets": "3.7.0"'), a NuGet.config adding the feed to the
#     machine's sources, and empty Directory.* files so the repository's own do not apply.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Interleaved rounds with hyperfine's options and JSON (see its header); hyperfine times the rest.
interleave="$root/bench/interleave.py"
tools="${GOBUILD_TOOLS_DIR:-$root/.tools}"
goroot="$tools/go/go1.26.11"

bench_need() {
  command -v "$1" >/dev/null && return 0
  echo "$1 is required (Debian package $2)" >&2
  exit 1
}

bench_setup() {
  local name="$1"; shift
  "$root/eng/get-test-tools.sh" >/dev/null
  export PATH="$tools/bin:$PATH"
  bench_need hyperfine hyperfine
  for tool in "$@"; do bench_need "$tool" "$tool"; done
  "$root/eng/get-go.sh" >/dev/null

  work="$root/artifacts/bench/$name"
  feed="$work/feed"
  # Go's module cache is read-only; make it writable so the last run's folder can go.
  [ -d "$work" ] && chmod -R u+w "$work" 2>/dev/null
  rm -rf "$work" && mkdir -p "$feed"
  export NUGET_PACKAGES="$work/nuget-packages" XDG_CACHE_HOME="$work/user-cache"
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

  dotnet pack "$root/sdk/GoBuild.Sdk/GoBuild.Sdk.csproj" -c Release -o "$feed" -nologo -v:q >/dev/null
  version="$(basename "$(ls "$feed"/GoBuild.Sdk.*.nupkg)" .nupkg)"
  version="${version#GoBuild.Sdk.}"
}

bench_workspace() {
  local dir="$1" extra="${2:-}"
  mkdir -p "$dir"
  cat > "$dir/global.json" <<JSON
{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
  "msbuild-sdks": { "GoBuild.Sdk": "$version"${extra:+, $extra} } }
JSON
  cat > "$dir/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="gobuild-bench" value="$feed" /></packageSources></configuration>
XML
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' > "$dir/$f"; done
}
