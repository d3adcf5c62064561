using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Builds the environment of a <c>go</c> child process from an allow-list. Nothing the developer's
/// shell sets for Go (GOROOT, GOFLAGS, GOOS, GOPROXY, CGO_ENABLED, CC, …) reaches the child: the
/// SDK decides every variable that can change what <c>go</c> produces.
/// </summary>
public static class GoEnvironment
{
    // Passed through because they locate the user, temporary space, the C toolchain (PATH) and the
    // network (proxies, certificates, credentials); none changes the bytes `go` produces.
    private static readonly string[] s_passThrough =
    {
        "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "TEMP", "TMP", "LANG",
        "SystemRoot", "windir", "ComSpec", "PATHEXT", "USERPROFILE", "LOCALAPPDATA", "APPDATA",
        "ProgramData", "ProgramFiles", "ProgramFiles(x86)", "HOMEDRIVE", "HOMEPATH",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "NETRC",
    };

    // Variables that pin the toolchain; a GoEnvironment item may not override them.
    private static readonly string[] s_reserved = { "GOROOT", "GOTOOLCHAIN", "GOENV" };

    /// <summary>The comparer for variable names on this OS.</summary>
    public static StringComparer NameComparer { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    // Variables the SDK sets for go, with the property (or the reason) that controls each.
    private static readonly Dictionary<string, string> s_decided = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GOROOT"] = "GoToolchainRoot or GoToolchainVersion",
        ["GOTOOLCHAIN"] = "GoToolchainVersion",
        ["GOENV"] = "GoEnvironment items (the SDK reads no go.env)",
        ["GOWORK"] = "GoWorkspace",
        ["GOFLAGS"] = "GoModMode",
        ["GOOS"] = "GoTargetPlatforms",
        ["GOARCH"] = "GoTargetPlatforms",
        ["GOARM"] = "a GoTargetPlatform item's GOARM",
        ["GOAMD64"] = "a GoTargetPlatform item's GOAMD64",
        ["GOARM64"] = "a GoTargetPlatform item's GOARM64",
        ["CGO_ENABLED"] = "GoCgoEnabled",
        ["CC"] = "GoCCompiler",
        ["GOCACHE"] = "GoBuildCacheDir",
        ["GOMODCACHE"] = "GoModuleCacheDir",
        ["GOPATH"] = "GoModuleCacheDir",
        ["GOPROXY"] = "GoModuleProxy",
        ["GOSUMDB"] = "GoChecksumDatabase",
        ["GOPRIVATE"] = "GoPrivateModules",
        ["GOCACHEPROG"] = "GoCacheProg",
        ["GOTELEMETRY"] = "nothing (always off)",
        ["GOMAXPROCS"] = "GoBuildParallelism",
    };

    /// <summary>For a variable the SDK sets for go, the property that controls it; else null.</summary>
    public static string? DecidingProperty(string name) => s_decided.TryGetValue(name, out string? property) ? property : null;

    /// <summary>Whether <paramref name="name"/> may be set through a GoEnvironment item.</summary>
    public static bool IsReserved(string name) => s_reserved.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The base environment: pass-through variables from <paramref name="ambient"/>, then the
    /// toolchain and cache settings. Callers add GOOS, GOARCH, GOFLAGS and the like on top.
    /// </summary>
    public static Dictionary<string, string> Create(string goRoot, GoCacheLocations caches, Func<string, string?> ambient)
    {
        var env = new Dictionary<string, string>(NameComparer);
        foreach (string name in s_passThrough)
        {
            string? value = ambient(name);
            if (!string.IsNullOrEmpty(value))
            {
                env[name] = value!;
            }
        }

        env["GOROOT"] = goRoot;
        env["GOTOOLCHAIN"] = "local";
        env["GOENV"] = "off";
        env["GOWORK"] = "off";
        env["GOFLAGS"] = string.Empty;
        env["GOCACHE"] = caches.BuildCache;
        env["GOMODCACHE"] = caches.ModuleCache;
        env["GOPATH"] = caches.GoPath;
        env["CGO_ENABLED"] = "0";

        // Go refuses to run without a home or a cache dir on some systems; give it ours.
        if (!env.ContainsKey("HOME") && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            env["HOME"] = caches.Root;
        }

        return env;
    }
}
