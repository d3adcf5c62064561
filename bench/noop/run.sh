#!/usr/bin/env bash
# No-op `dotnet build` of samples/Hello, in two forms:
#  root:   with GoToolchainRoot (a GOROOT used as it is)
#  pinned: with GoToolchainVersion, the toolchain already in the cache (installed by the first
#          build from a loopback mirror over .tools/go-mirror)
# against, in the same run:
#  (a) an empty Microsoft.Build.NoTargets project (the cost of any MSBuild SDK project doing no work)
#  (b) a Microsoft.NET.Sdk project with the hand-written <Exec Command="go build …"> after Build.
# Prints the ratios. Targets (issue 9): both forms ≤ 1.00× (a); < 1.0× (b).
#   bench/noop/run.sh [--runs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
runs=20
[ "${1:-}" = "--runs" ] && runs="$2"
bench_setup noop curl
bench_workspace "$work" '"Microsoft.Build.NoTargets": "3.7.0"'

# The loopback mirror the pinned project installs its toolchain from, once.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tools/go-mirror" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf -o /dev/null "$url/index.json" && break; sleep 0.1; done

# The sample, as a user has it.
mkdir -p "$work/hello"
cp "$root/samples/Hello/"{Hello.csproj,go.mod,main.go} "$work/hello/"
sed -i "s|<Version>|<GoToolchainRoot>$goroot</GoToolchainRoot><Version>|" "$work/hello/Hello.csproj"

# The same sample pinned to a version, from the toolchain cache.
mkdir -p "$work/pinned"
cp "$root/samples/Hello/"{Hello.csproj,go.mod,main.go} "$work/pinned/"
sed -i "s|<Version>|<GoToolchainVersion>1.26.11</GoToolchainVersion><GoToolchainMirror>$url/</GoToolchainMirror><GoToolchainAllowHttp>true</GoToolchainAllowHttp><GoToolchainCacheDir>$work/toolchains</GoToolchainCacheDir><Version>|" "$work/pinned/Hello.csproj"

# (a) An empty NoTargets project.
mkdir -p "$work/notargets"
cat > "$work/notargets/notargets.proj" <<'XML'
<Project Sdk="Microsoft.Build.NoTargets">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
</Project>
XML

# (b) What people hand-write today: a .NET project that shells out to go build after Build.
mkdir -p "$work/exec"
cp "$root/samples/Hello/"{go.mod,main.go} "$work/exec/"
cat > "$work/exec/exec.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><EnableDefaultCompileItems>false</EnableDefaultCompileItems></PropertyGroup>
  <Target Name="GoBuildExec" AfterTargets="Build">
    <Exec Command="GOTOOLCHAIN=local GOROOT=$goroot $goroot/bin/go build -trimpath -o \$(OutDir)hello ." />
  </Target>
</Project>
XML

for p in hello/Hello.csproj pinned/Hello.csproj notargets/notargets.proj exec/exec.csproj; do
  dotnet build "$work/$p" -nologo -v:q >/dev/null
done
"$work/hello/bin/Debug/Hello"
"$work/pinned/bin/Debug/Hello"

hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" \
  -n gobuild "dotnet build $work/hello/Hello.csproj -nologo -v:q" \
  -n pinned "dotnet build $work/pinned/Hello.csproj -nologo -v:q" \
  -n notargets "dotnet build $work/notargets/notargets.proj -nologo -v:q" \
  -n exec "dotnet build $work/exec/exec.csproj -nologo -v:q"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
g, p, n, e = (r[k]["median"] for k in ("gobuild", "pinned", "notargets", "exec"))
print(f"median no-op build: GoBuild.Sdk GoToolchainRoot {g*1000:.0f} ms, pinned {p*1000:.0f} ms, NoTargets {n*1000:.0f} ms, NET.Sdk+Exec go build {e*1000:.0f} ms")
print(f"ratio GoBuild.Sdk (GoToolchainRoot) / empty NoTargets project:     {g/n:.2f}x (target <= 1.00)")
print(f"ratio GoBuild.Sdk (GoToolchainVersion) / empty NoTargets project:  {p/n:.2f}x (target <= 1.00)")
print(f"ratio GoBuild.Sdk (GoToolchainRoot) / NET.Sdk + Exec go build:     {g/e:.2f}x (target < 1.00)")
PY
