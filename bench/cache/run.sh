#!/usr/bin/env bash
# Remote build cache benchmark (hyperfine): two clones of one project with separate Go build caches
# and one GOCACHEPROG remote (the test double of tests/Shared/cacheprog, a shared folder). The first
# clone's build fills the remote once; then, alternating in rounds:
#   - the second clone's cold build (its GOCACHE, cache-program folder, bin/ and obj/Debug wiped),
#     which takes everything from the remote,
#   - a truly cold build of a third clone (no cache program, fresh GOCACHE).
# Prints the ratio second-clone/truly-cold (target <= 0.35) and the cache program's hit rate.
#   bench/cache/run.sh [runs, default 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs="${1:-3}"
bench_setup cache

"$goroot/bin/go" version >/dev/null
prog="$work/cacheprog"
(cd "$root/tests/Shared/cacheprog" && env -i PATH="$PATH" HOME="$HOME" GOTOOLCHAIN=local GOENV=off GOPROXY=off GOTELEMETRY=off \
  GOCACHE="$work/gocache-tool" "$goroot/bin/go" build -o "$prog" .)
remote="$work/remote"

# A command that needs a good part of the standard library (net/http, encoding/json, text/template).
clone() {
  local dir="$work/$1" cacheprog="$2"
  bench_workspace "$dir"
  mkdir -p "$dir/app/internal/api"
  printf 'module example.com/app\n\ngo 1.22\n' > "$dir/app/go.mod"
  cat > "$dir/app/internal/api/api.go" <<'GO'
package api

import (
	"encoding/json"
	"net/http"
	"text/template"
)

var page = template.Must(template.New("p").Parse("<p>{{.}}</p>"))

// Handler answers with JSON and a rendered template.
func Handler(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(map[string]string{"path": r.URL.Path})
	_ = page.Execute(w, r.URL.Path)
}
GO
  cat > "$dir/app/main.go" <<'GO'
package main

import (
	"fmt"
	"net/http"

	"example.com/app/internal/api"
)

func main() {
	http.HandleFunc("/", api.Handler)
	fmt.Println("app")
}
GO
  cat > "$dir/app/app.csproj" <<XML
<Project Sdk="GoBuild.Sdk">
  <PropertyGroup>
    <GoToolchainRoot>$goroot</GoToolchainRoot>
    <GoBuildCacheDir>$dir/gocache</GoBuildCacheDir>
    <GoCacheProg>$cacheprog</GoCacheProg>
  </PropertyGroup>
</Project>
XML
  dotnet restore "$dir/app/app.csproj" -v:q >/dev/null
}
clone first "$prog -remote $remote -local $work/first/local -stats $work/first/stats"
clone second "$prog -remote $remote -local $work/second/local -stats $work/second/stats"
clone cold ""

dotnet build "$work/first/app/app.csproj" --no-restore -nologo -v:q >/dev/null
wipe() { echo "rm -rf '$work/$1/gocache' '$work/$1/local' '$work/$1/stats' '$work/$1/app/bin' '$work/$1/app/obj/Debug'"; }
for i in $(seq 1 "$runs"); do
  hyperfine --style basic --runs 1 --export-json "$work/round-$i.json" \
    --prepare "$(wipe second); $(wipe cold)" \
    -n "second clone, cold, remote cache" "dotnet build '$work/second/app/app.csproj' --no-restore -nologo -v:q" \
    -n "truly cold" "dotnet build '$work/cold/app/app.csproj' --no-restore -nologo -v:q"
done
cmp "$work/first/app/bin/Debug/app" "$work/second/app/bin/Debug/app" && echo "outputs: byte-identical"

python3 - "$work" <<'PY'
import glob, json, re, statistics, sys
work = sys.argv[1]
runs = {}
for path in sorted(glob.glob(f"{work}/round-*.json")):
    for r in json.load(open(path))["results"]:
        runs.setdefault(r["command"], []).extend(r["times"])
(warm_name, warm), (cold_name, cold) = runs.items()
hits = misses = 0
for line in open(f"{work}/second/stats"):
    m = re.search(r"hits=(\d+) misses=(\d+)", line)
    hits += int(m.group(1)); misses += int(m.group(2))
print(f"second clone cold build (remote cache) {statistics.median(warm):.2f} s, truly cold build {statistics.median(cold):.2f} s "
      f"({len(cold)} runs each, medians): ratio {statistics.median(warm) / statistics.median(cold):.3f} (target <= 0.35); "
      f"last run's cache program: {hits} hits, {misses} misses ({100 * hits / max(1, hits + misses):.1f} % hits)")
PY
