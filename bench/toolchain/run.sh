#!/usr/bin/env bash
# Toolchain acquisition, measured in one run against what a careful script does by hand:
#  1. cold: `dotnet msbuild -t:GoEnsureToolchain` with an empty toolchain cache, the archive served
#     from a loopback HTTP mirror, vs `curl -o … && sha256sum … && tar -xzf …` of the same archive
#     (target <= 1.5x, aim <= 1.1x); also with MSBuild's own start-up subtracted;
#  2. warm: resolution cost of an exact pin (fast path: property functions, no task) and of a
#     floating pin 1.26.* (task path), each as the difference to the same command running an
#     empty target;
#  3. memory: peak RSS of a `dotnet build` that acquires the toolchain vs a no-op build
#     (target: under 100 MB more).
#   bench/toolchain/run.sh [--runs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=7
[ "${1:-}" = "--runs" ] && runs="$2"
[ -x /usr/bin/time ] || bench_need /usr/bin/time time
bench_setup toolchain curl
mirror="$tools/go-mirror"
archive=go1.26.11.linux-amd64.tar.gz

# The loopback mirror: a plain static file server over the folder eng/get-go.sh wrote.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$mirror" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf -o /dev/null "$url/index.json" && break; sleep 0.1; done

bench_workspace "$work"

cache="$work/cache"
# pinned: an exact GoToolchainVersion (fast path); floating: 1.26.* (the task settles it).
for p in pinned floating; do
  mkdir -p "$work/$p"
  cp "$root/samples/Hello/main.go" "$work/$p/"
  pin="<GoToolchainVersion>1.26.11</GoToolchainVersion>"
  [ "$p" = floating ] && pin="<GoToolchainVersion>1.26.*</GoToolchainVersion>"
  printf 'module example.com/hello\n\ngo 1.22\n' > "$work/$p/go.mod"
  cat > "$work/$p/$p.csproj" <<XML
<Project Sdk="GoBuild.Sdk">
  <PropertyGroup>
    $pin
    <GoToolchainMirror>$url/</GoToolchainMirror>
    <GoToolchainAllowHttp>true</GoToolchainAllowHttp>
    <GoToolchainCacheDir>$cache</GoToolchainCacheDir>
  </PropertyGroup>
</Project>
XML
  dotnet build "$work/$p/$p.csproj" -nologo -v:q >/dev/null
done
"$work/pinned/bin/Debug/pinned"

ensure="dotnet msbuild $work/pinned/pinned.csproj -nologo -v:q -t:GoEnsureToolchain"
manual="$work/manual"
# Cold runs alternate (sdk, manual, sdk, manual, …) so that load from other processes on the
# machine hits both sides alike; medians are compared.
python3 - "$runs" "$cache" "$manual" "$ensure" "curl -sf -o $manual/$archive $url/$archive && sha256sum $manual/$archive >/dev/null && tar -xzf $manual/$archive -C $manual/x" "$work/cold.json" <<'PY'
import json, shutil, statistics, subprocess, sys, time, os
runs, cache, manual, sdk, by_hand, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
times = {"sdk-cold": [], "curl-sha256sum-tar": []}
for _ in range(runs):
    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter(); subprocess.run(sdk, shell=True, check=True, stdout=subprocess.DEVNULL); times["sdk-cold"].append(time.perf_counter() - t)
    shutil.rmtree(manual, ignore_errors=True); os.makedirs(manual + "/x")
    t = time.perf_counter(); subprocess.run(by_hand, shell=True, check=True, stdout=subprocess.DEVNULL); times["curl-sha256sum-tar"].append(time.perf_counter() - t)
for k, v in times.items():
    print(f"{k:20} median {statistics.median(v):.2f} s  runs: " + " ".join(f"{x:.2f}" for x in v))
json.dump({"results": [{"command": k, "median": statistics.median(v), "times": v} for k, v in times.items()]}, open(out, "w"))
PY
$ensure >/dev/null   # leave the cache warm

hyperfine --warmup 2 --runs $((runs * 3)) --export-json "$work/warm.json" \
  -n empty-target "dotnet msbuild $work/pinned/pinned.csproj -nologo -v:q -t:BeforeGoCompile" \
  -n warm-pinned "$ensure" \
  -n empty-target-floating "dotnet msbuild $work/floating/floating.csproj -nologo -v:q -t:BeforeGoCompile" \
  -n warm-floating "dotnet msbuild $work/floating/floating.csproj -nologo -v:q -t:GoEnsureToolchain"

# MSBuild's own timing of the resolution targets in a warm build (median of several runs): the
# fast path (property functions) for the exact pin, the task for the floating one.
for p in pinned floating; do
  for _ in $(seq "$runs"); do
    dotnet msbuild "$work/$p/$p.csproj" -nologo -v:q -t:GoEnsureToolchain -clp:PerformanceSummary
  done > "$work/$p.perf.txt"
done

# Peak memory: the build that acquires (cache removed, everything else warm) vs a no-op build.
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
rm -rf "$cache" "$work/pinned/bin" "$work/pinned/obj/Debug/gobuild"
acquire_kb="$(rss dotnet build "$work/pinned/pinned.csproj" -nologo -v:q)"
noop_kb="$(rss dotnet build "$work/pinned/pinned.csproj" -nologo -v:q)"

python3 - "$work/cold.json" "$work/warm.json" "$acquire_kb" "$noop_kb" "$work/pinned.perf.txt" "$work/floating.perf.txt" <<'PY'
import json, re, statistics, sys
def load(p): return {x["command"]: x for x in json.load(open(p))["results"]}
c, w = load(sys.argv[1]), load(sys.argv[2])
acq, noop = int(sys.argv[3]) / 1024, int(sys.argv[4]) / 1024
cold, manual = c["sdk-cold"]["median"], c["curl-sha256sum-tar"]["median"]
empty = w["empty-target"]["median"]
print(f"cold acquisition (msbuild -t:GoEnsureToolchain): {cold:.2f} s; curl + sha256sum + tar -xzf: {manual:.2f} s")
print(f"ratio cold / manual:                             {cold/manual:.2f}x (target <= 1.5, aim <= 1.1)")
print(f"ratio without MSBuild start-up ({empty:.2f} s):      {(cold-empty)/manual:.2f}x")
for name, base in (("warm-pinned", "empty-target"), ("warm-floating", "empty-target-floating")):
    d = (w[name]["median"] - w[base]["median"]) * 1000
    print(f"warm resolution, {name[5:]:8}: {w[name]['median']*1000:.0f} ms vs empty target {w[base]['median']*1000:.0f} ms -> {d:+.0f} ms")
def targets(path):
    # Per run (one "Project Evaluation Performance Summary" each), the sum of the resolution
    # targets listed under "Target Performance Summary".
    runs = []
    for chunk in open(path).read().split("Project Evaluation Performance Summary")[1:]:
        section = chunk.split("Target Performance Summary")[-1].split("Task Performance Summary")[0]
        runs.append(sum(int(m.group(1)) for m in re.finditer(r"(\d+) ms\s+(GoEnsureToolchain|_GoBuildUseToolchainRoot|_GoBuildUseCachedToolchain|_GoBuildAcquireToolchain|_GoBuildRequireToolchain)\s", section)))
    return statistics.median(runs), runs
for name, path in (("exact pin, fast path", sys.argv[5]), ("1.26.*, task path", sys.argv[6])):
    med, runs = targets(path)
    print(f"warm resolution ({name}) by MSBuild's target timing: median {med:.0f} ms (runs: {' '.join(map(str, runs))})")
print(f"peak RSS: build that acquires {acq:.0f} MB, no-op build {noop:.0f} MB -> {acq-noop:+.0f} MB (target < +100 MB)")
PY
