#!/usr/bin/env bash
# Cross-compilation benchmark (hyperfine), with its baselines measured in the same run:
#   1. cold 4-target build (fresh Go build cache) of a GoBuild.Sdk project vs a shell loop of the same
#      four `go build` commands with the same flags and a fresh cache too   (target: ratio <= 1.05)
#   2. no-op build of that 4-target project vs an empty project of the same kind (Microsoft.Build.NoTargets,
#      the pattern GoBuild.Sdk follows), both `dotnet build --no-restore`   (target: ratio <= 1.15)
#   bench/cross/run.sh [cold runs, default 3] [no-op runs, default 20]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cold_runs="${1:-3}"
noop_runs="${2:-20}"
bench_setup cross
mkdir -p "$work/ws/app" "$work/ws/empty"
bench_workspace "$work/ws" '"Microsoft.Build.NoTargets": "3.7.0"'
cd "$work/ws"
printf 'module example.com/app\n\ngo 1.22\n' > app/go.mod
cat > app/main.go <<'GO'
package main

import (
	"fmt"
	"runtime"
)

func main() { fmt.Printf("app %s/%s\n", runtime.GOOS, runtime.GOARCH) }
GO
platforms="linux/amd64;linux/arm64;windows/amd64;darwin/arm64"
cat > app/app.csproj <<XML
<Project Sdk="GoBuild.Sdk">
  <PropertyGroup>
    <GoToolchainRoot>$goroot</GoToolchainRoot>
    <GoBuildCacheDir>$work/gocache-sdk</GoBuildCacheDir>
    <GoTargetPlatforms>$platforms</GoTargetPlatforms>
  </PropertyGroup>
</Project>
XML
cat > empty/empty.csproj <<'XML'
<Project Sdk="Microsoft.Build.NoTargets">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
</Project>
XML
dotnet restore app/app.csproj -v:q >/dev/null
dotnet restore empty/empty.csproj -v:q >/dev/null

# The loop: what the SDK runs per target (Debug: no -s -w), one go build after the other.
cat > loop.sh <<SH
#!/usr/bin/env bash
set -e
cd "$work/ws/app"
for p in linux/amd64:linux-x64:app linux/arm64:linux-arm64:app windows/amd64:win-x64:app.exe darwin/arm64:osx-arm64:app; do
  IFS=: read -r pair rid name <<< "\$p"
  env -i PATH="\$PATH" HOME="\$HOME" GOROOT="$goroot" GOTOOLCHAIN=local GOENV=off GOWORK=off GOFLAGS=-mod=readonly \\
    GOCACHE="$work/gocache-loop" GOMODCACHE="$work/user-cache/gobuild/mod" GOPATH="$work/user-cache/gobuild/gopath" \\
    GOOS="\${pair%/*}" GOARCH="\${pair#*/}" CGO_ENABLED=0 \\
    "$goroot/bin/go" build -o "$work/loop-out/\$rid/\$name" -trimpath -buildvcs=false -buildmode=exe .
done
SH
chmod +x loop.sh

build="dotnet build app/app.csproj --no-restore -nologo -v:q"
empty="dotnet build empty/empty.csproj --no-restore -nologo -v:q"
# Other work on the machine comes and goes: alternate the two commands in rounds, so both see the
# same load, and compare medians of all runs (wall clock) and mean CPU time (user + system).
for i in $(seq 1 "$cold_runs"); do
  hyperfine --style basic --runs 1 --export-json "$work/cold-$i.json" \
    --prepare "rm -rf '$work/gocache-sdk' '$work/gocache-loop' '$work/loop-out' app/bin app/obj/Debug" \
    -n "GoBuild.Sdk cold 4-target build" "$build" \
    -n "shell loop of 4 go builds" "./loop.sh"
done

$build >/dev/null   # settle: the measured no-op starts from a finished build
$empty >/dev/null
rounds=5
for i in $(seq 1 "$rounds"); do
  hyperfine --style basic --warmup 1 --runs "$(( (noop_runs + rounds - 1) / rounds ))" --export-json "$work/noop-$i.json" \
    -n "GoBuild.Sdk no-op 4-target build" "$build" \
    -n "empty NoTargets project" "$empty"
done

python3 - "$work" <<'PY'
import glob, json, statistics, sys
def load(prefix):
    runs = {}
    for path in sorted(glob.glob(f"{sys.argv[1]}/{prefix}-*.json")):
        for r in json.load(open(path))["results"]:
            entry = runs.setdefault(r["command"], {"times": [], "cpu": []})
            entry["times"] += r["times"]
            entry["cpu"] += [r["user"] + r["system"]] * len(r["times"])
    return [(name, statistics.median(v["times"]), statistics.mean(v["cpu"]), len(v["times"])) for name, v in runs.items()]
(sdk, sdk_t, sdk_cpu, n), (loop, loop_t, loop_cpu, _) = load("cold")
print(f"cold 4 targets ({n} runs each): GoBuild.Sdk {sdk_t:.2f} s, go build loop {loop_t:.2f} s, ratio {sdk_t / loop_t:.3f} (target <= 1.05); CPU {sdk_cpu:.1f} s vs {loop_cpu:.1f} s, ratio {sdk_cpu / loop_cpu:.3f}")
(noop, noop_t, noop_cpu, n), (empty, empty_t, empty_cpu, _) = load("noop")
print(f"no-op 4 targets ({n} runs each): GoBuild.Sdk {noop_t * 1000:.0f} ms, empty project {empty_t * 1000:.0f} ms, ratio {noop_t / empty_t:.3f} (target <= 1.15); CPU {noop_cpu * 1000:.0f} ms vs {empty_cpu * 1000:.0f} ms, ratio {noop_cpu / empty_cpu:.3f}")
PY
