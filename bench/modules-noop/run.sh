#!/usr/bin/env bash
# What module support costs a no-op build: `dotnet build` (restore included) and
# `dotnet build --no-restore` of a project whose module requires another module (served from a
# file:// proxy), against the same commands for a std-only project. Prints each median and the
# ratio; close to 1.0 means the restore check and GoVerifyModules add nothing measurable.
#   bench/modules-noop/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_setup modules-noop
bench_workspace "$work"

# The proxy: example.test/greet v1.0.0 in the module zip format.
python3 - "$work/proxy" <<'PY'
import os, sys, zipfile
d = os.path.join(sys.argv[1], "example.test", "greet", "@v"); os.makedirs(d)
mod = "module example.test/greet\n\ngo 1.22\n"
open(os.path.join(d, "list"), "w").write("v1.0.0\n")
open(os.path.join(d, "v1.0.0.info"), "w").write('{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}')
open(os.path.join(d, "v1.0.0.mod"), "w").write(mod)
with zipfile.ZipFile(os.path.join(d, "v1.0.0.zip"), "w") as z:
    z.writestr("example.test/greet@v1.0.0/go.mod", mod)
    z.writestr("example.test/greet@v1.0.0/greet.go", 'package greet\n\nfunc Hello() string { return "hello" }\n')
PY

project() { # name, extra properties
  cat > "$work/$1/$1.csproj" <<XML
<Project Sdk="GoBuild.Sdk">
  <PropertyGroup>
    <GoToolchainRoot>$goroot</GoToolchainRoot>
    $2
  </PropertyGroup>
  <ItemGroup><GoEnvironment Include="GONOPROXY" Value="none" /></ItemGroup>
</Project>
XML
}
mkdir -p "$work/hello" "$work/greet"
printf 'module example.com/hello\n\ngo 1.22\n' > "$work/hello/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' > "$work/hello/main.go"
project hello ""
printf 'module example.com/greet\n\ngo 1.22\n\nrequire example.test/greet v1.0.0\n' > "$work/greet/go.mod"
printf 'package main\n\nimport (\n\t"fmt"\n\n\t"example.test/greet"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n' > "$work/greet/main.go"
project greet "<GoModuleProxy>file://$work/proxy</GoModuleProxy><GoPrivateModules>example.test</GoPrivateModules>"
# go.sum as go computes it (GOSUMDB=off only here: the proxy has no checksum database).
(cd "$work/greet" && env -i PATH="$PATH" HOME="$work" GOROOT="$goroot" GOTOOLCHAIN=local GOENV=off GOFLAGS=-mod=mod \
  GOPROXY="file://$work/proxy" GOSUMDB=off GOMODCACHE="$work/sums-cache" GOCACHE="$work/sums-gocache" "$goroot/bin/go" mod tidy)

for p in hello greet; do dotnet build "$work/$p/$p.csproj" -v:q -nologo >/dev/null; done

hyperfine --warmup 2 --runs 10 --export-json "$work/results.json" \
  -n "hello build" "dotnet build $work/hello/hello.csproj -v:q -nologo" \
  -n "greet build" "dotnet build $work/greet/greet.csproj -v:q -nologo" \
  -n "hello build --no-restore" "dotnet build $work/hello/hello.csproj -v:q -nologo --no-restore" \
  -n "greet build --no-restore" "dotnet build $work/greet/greet.csproj -v:q -nologo --no-restore" >/dev/null

python3 - "$work/results.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
for verb in ("build", "build --no-restore"):
    base, mods = r[f"hello {verb}"], r[f"greet {verb}"]
    print(f"no-op dotnet {verb}: std-only {base*1000:.0f} ms, with a module dependency {mods*1000:.0f} ms, ratio {mods/base:.2f}")
PY
