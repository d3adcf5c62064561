#!/usr/bin/env bash
# Core budget benchmark: a solution of 8 Go command projects (one module, cmd/c0..c7, each command
# importing a different part of the standard library), built cold with `dotnet build -m`, against
# one raw `go build -o dir/ ./cmd/...` of the same commands with a fresh cache too. Alternating in
# rounds, each run sampled by sample.py: wall time, peak memory of the process tree, the largest
# number of compiler processes at once. Targets: wall ratio <= 1.15, compilers at once <= cores + 1.
#   bench/parallel/run.sh [runs, default 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs="${1:-3}"
bench_setup parallel
ws="$work/ws"
bench_workspace "$ws"
cd "$ws"
printf 'module example.com/par\n\ngo 1.22\n' > go.mod
imports=("encoding/json" "net/http" "text/template" "crypto/sha256 encoding/hex" "compress/gzip bytes" "regexp strings" "os/exec" "net/url encoding/xml")
projects=()
for i in 0 1 2 3 4 5 6 7; do
  mkdir -p "cmd/c$i"
  { echo "package main"; echo; echo "import ("; echo '	"fmt"'; for p in ${imports[$i]}; do echo "	_ \"$p\""; done; echo ")"; echo
    echo "func main() { fmt.Println(\"c$i\") }"; } > "cmd/c$i/main.go"
  cat > "cmd/c$i/c$i.csproj" <<XML
<Project Sdk="GoBuild.Sdk">
  <PropertyGroup>
    <GoToolchainRoot>$goroot</GoToolchainRoot>
    <GoBuildCacheDir>$work/gocache-sdk</GoBuildCacheDir>
  </PropertyGroup>
</Project>
XML
  projects+=("cmd/c$i/c$i.csproj")
done
dotnet new sln -n par --format slnx >/dev/null
dotnet sln par.slnx add "${projects[@]}" >/dev/null
dotnet restore par.slnx -v:q >/dev/null

cat > raw.sh <<SH
#!/usr/bin/env bash
set -e
cd "$ws"
exec env -i PATH="\$PATH" HOME="\$HOME" GOROOT="$goroot" GOTOOLCHAIN=local GOENV=off GOWORK=off GOFLAGS=-mod=readonly \\
  GOCACHE="$work/gocache-raw" GOMODCACHE="$work/user-cache/gobuild/mod" GOPATH="$work/user-cache/gobuild/gopath" CGO_ENABLED=0 GOTELEMETRY=off \\
  "$goroot/bin/go" build -o "$work/raw-out/" -trimpath -buildvcs=false ./cmd/...
SH
chmod +x raw.sh

sample="$root/bench/parallel/sample.py"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/gocache-sdk" "$work/gocache-raw" "$work/raw-out" cmd/*/bin cmd/*/obj/Debug
  "$sample" dotnet build par.slnx -m --no-restore -nologo -v:q > "$work/sdk-$i.json"
  "$sample" ./raw.sh > "$work/raw-$i.json"
done

python3 - "$work" "$runs" "$(nproc)" <<'PY'
import json, statistics, sys
work, runs, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(kind):
    rs = [json.load(open(f"{work}/{kind}-{i}.json")) for i in range(1, runs + 1)]
    bad = [r for r in rs if r["exit"] != 0]
    if bad:
        sys.exit(f"{kind}: a run failed: {bad}")
    return statistics.median(r["wall"] for r in rs), max(r["rss"] for r in rs), max(r["compile"] for r in rs)
sdk, raw = load("sdk"), load("raw")
print(f"8 commands, cold, {runs} runs each (medians; peaks over all runs), {cores} cores:")
print(f"  dotnet build -m of the solution: {sdk[0]:.2f} s, peak memory {sdk[1] / 2**20:.0f} MiB, compilers at once {sdk[2]}")
print(f"  raw go build ./cmd/...:          {raw[0]:.2f} s, peak memory {raw[1] / 2**20:.0f} MiB, compilers at once {raw[2]}")
print(f"  wall ratio {sdk[0] / raw[0]:.3f} (target <= 1.15); compilers at once {sdk[2]} (target <= {cores + 1})")
PY
