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
        ["GOOS"] = "GoTargetPlatform / GoTargetPlatforms / RuntimeIdentifiers",
        ["GOARCH"] = "GoTargetPlatform / GoTargetPlatforms / RuntimeIdentifiers",
        ["GOARM"] = "a GoTargetPlatform item's GOARM",
        ["GOAMD64"] = "a GoTargetPlatform item's GOAMD64",
        ["GOARM64"] = "a GoTargetPlatform item's GOARM64",
        ["CGO_ENABLED"] = "GoCgoEnabled (or a GoTargetPlatform item's GoCgoEnabled)",
        ["CC"] = "GoCCompiler (or a GoTargetPlatform item's GoCCompiler)",
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

    /// <summary>The variables go gets from the build's own environment (by name; their values are read when go starts).</summary>
    public static IReadOnlyList<string> PassThroughNames => s_passThrough;

    /// <summary>
    /// The variables the SDK sets for every go it starts (before the platform and cgo of a process
    /// kind): toolchain pinning, caches, module settings, GOCACHEPROG, and the GoEnvironment items;
    /// with the names passed from the build's environment (the allow-list and GoPassEnvironment).
    /// </summary>
    /// <param name="settings">The raw module, cache and environment settings.</param>
    /// <param name="caches">The cache folders.</param>
    /// <param name="allowModuleDownload">
    /// Whether go may download modules (restore). Otherwise go gets GOPROXY=off, so a build never
    /// touches the network, unless GoModMode is mod (go may then add requirements, as asked).
    /// </param>
    /// <exception cref="GoBuildException">
    /// GOB2008 for a GoEnvironment item naming a variable the SDK decides, GOB3001 for a GoModMode
    /// go does not know, GOB1030–GOB1034 for GoCacheProg and GoPassEnvironment.
    /// </exception>
    public static (Dictionary<string, string> Set, List<string> Pass) Decide(GoEnvironmentSettings settings, GoCacheLocations caches, bool allowModuleDownload)
    {
        var set = new Dictionary<string, string>(NameComparer)
        {
            ["GOTOOLCHAIN"] = "local",
            ["GOENV"] = "off",
            ["GOWORK"] = "off",
            ["GOFLAGS"] = string.Empty,
            ["GOCACHE"] = caches.BuildCache,
            ["GOMODCACHE"] = caches.ModuleCache,
            ["GOPATH"] = caches.GoPath,
            ["CGO_ENABLED"] = "0",

            // No telemetry: go would start a child that outlives the build (sandboxes and project
            // caches reject leftovers), and counters under the user's config folder are not the build's business.
            ["GOTELEMETRY"] = "off",
        };
        SetIfNotEmpty(set, "GOSUMDB", settings.ChecksumDatabase);
        SetIfNotEmpty(set, "GOPRIVATE", settings.PrivateModules);
        string mode = ParseModMode(settings.ModMode);
        set["GOFLAGS"] = "-mod=" + mode;
        string? workFile = WorkFile(settings.Workspace);
        if (workFile != null)
        {
            // go refuses -mod=mod in a workspace; say which setting to change before it runs.
            if (mode == "mod")
            {
                throw new GoBuildException("WorkspaceModModeMod", workFile);
            }

            set["GOWORK"] = workFile;
        }

        if (allowModuleDownload || mode == "mod")
        {
            SetIfNotEmpty(set, "GOPROXY", settings.ModuleProxy);
        }
        else
        {
            // Modules come in during restore; a build that would download fails with a clear error instead.
            set["GOPROXY"] = "off";
        }

        // The toolchain's version is checked when go is about to run (GoCacheProgram.RequireSupported).
        string? cacheProg = GoCacheProgram.Resolve(settings.CacheProg, settings.ProjectDirectory, string.Empty, System.IO.File.Exists);
        if (cacheProg != null)
        {
            set["GOCACHEPROG"] = cacheProg;
        }

        foreach (KeyValuePair<string, string> item in settings.Items)
        {
            string name = item.Key.Trim();
            string? property = DecidingProperty(name);
            if (property != null)
            {
                throw new GoBuildException("ReservedEnvironmentVariable", name, property);
            }

            if (!GoPassEnvironment.IsName(name))
            {
                throw new GoBuildException("EnvironmentItemInvalidName", name);
            }

            set[name] = item.Value;
        }

        // Names only come through MSBuild; the values are read when go starts, so no log or record holds them.
        var pass = new List<string>(s_passThrough);
        foreach (string name in GoPassEnvironment.Parse(settings.PassEnvironment, DecidingProperty))
        {
            if (!pass.Contains(name, NameComparer))
            {
                pass.Add(name);
            }
        }

        // A GoEnvironment item is the user's decision: its value wins over the same ambient name.
        pass.RemoveAll(set.ContainsKey);
        return (set, pass);
    }

    /// <summary>
    /// The environment of a go the toolchain step runs before any decision exists (checking a
    /// freshly installed toolchain): the pass-through variables from <paramref name="ambient"/>,
    /// then the toolchain and cache settings.
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

    /// <summary>The go.work of a workspace decision's GOWORK value, or null in module mode (<c>off</c> or empty).</summary>
    public static string? WorkFile(string? workspace) =>
        string.IsNullOrWhiteSpace(workspace) || string.Equals(workspace!.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : workspace!.Trim();

    /// <summary>GoModMode in lower case (readonly when empty).</summary>
    /// <exception cref="GoBuildException">GOB3001: not readonly, vendor or mod.</exception>
    public static string ParseModMode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "readonly";
        }

        string mode = value!.Trim().ToLowerInvariant();
        if (mode != "readonly" && mode != "vendor" && mode != "mod")
        {
            throw new GoBuildException("InvalidModMode", value!);
        }

        return mode;
    }

    private static void SetIfNotEmpty(Dictionary<string, string> env, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            env[name] = value!.Trim();
        }
    }
}

/// <summary>The raw settings the environment of go is decided from.</summary>
public sealed class GoEnvironmentSettings
{
    /// <summary>What relative paths (GoCacheProg's program) are relative to.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>
    /// GOWORK from the workspace decision (the workspace record written with the toolchain): the
    /// go.work path, or <c>off</c> (also when empty) for module mode. Never the ambient GOWORK.
    /// </summary>
    public string? Workspace { get; set; }

    /// <summary>GoModMode.</summary>
    public string? ModMode { get; set; }

    /// <summary>GoModuleProxy.</summary>
    public string? ModuleProxy { get; set; }

    /// <summary>GoChecksumDatabase.</summary>
    public string? ChecksumDatabase { get; set; }

    /// <summary>GoPrivateModules.</summary>
    public string? PrivateModules { get; set; }

    /// <summary>GoCacheProg.</summary>
    public string? CacheProg { get; set; }

    /// <summary>GoPassEnvironment.</summary>
    public string? PassEnvironment { get; set; }

    /// <summary>GoEnvironment items: name and value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items { get; set; } = Array.Empty<KeyValuePair<string, string>>();
}
