using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;

namespace GoBuild.Tasks.Toolchain;

/// <summary>The inputs of a toolchain resolution: the Toolchain properties of one project.</summary>
public sealed class ToolchainSettings
{
    /// <summary>The project folder: go.mod/go.work are looked up from here, relative mirror folders resolved.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>GoToolchainVersion; empty to read go.work/go.mod.</summary>
    public string? Version { get; set; }

    /// <summary>
    /// The go.work of the workspace decision (GoWorkspace), or null in module mode; only used when
    /// <see cref="WorkFileDecided"/> (otherwise the nearest go.work above the project counts).
    /// </summary>
    public string? WorkFile { get; set; }

    /// <summary>Whether <see cref="WorkFile"/> holds the workspace decision.</summary>
    public bool WorkFileDecided { get; set; }

    /// <summary>GoToolchainMirror; empty for the official site.</summary>
    public string? Mirror { get; set; }

    /// <summary>GoToolchainAllowHttp.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>GoToolchainSha256.</summary>
    public string? Sha256 { get; set; }

    /// <summary>GoToolchainCacheDir.</summary>
    public string CacheDir { get; set; } = string.Empty;

    /// <summary>GoToolchainOffline.</summary>
    public bool Offline { get; set; }

    /// <summary>A design-time build: use the cache, never download, never fail on a miss.</summary>
    public bool DesignTime { get; set; }

    /// <summary>The platform the toolchain must run on (by default, this process's).</summary>
    public HostPlatform Host
    {
        get => _host ?? HostPlatform.Current;
        set => _host = value;
    }

    private HostPlatform? _host;
}

/// <summary>A resolved toolchain.</summary>
public sealed class ResolvedToolchain
{
    /// <summary>Creates a result.</summary>
    public ResolvedToolchain(string root, string version, string source, string cacheRoot = "")
    {
        Root = root;
        Version = version;
        Source = source;
        CacheRoot = cacheRoot;
    }

    /// <summary>The toolchain cache the root lives in (checked again before go runs), or empty for a GoToolchainRoot.</summary>
    public string CacheRoot { get; }

    /// <summary>The GOROOT.</summary>
    public string Root { get; }

    /// <summary>The release: go1.26.11.</summary>
    public string Version { get; }

    /// <summary>Where the version came from, for messages.</summary>
    public string Source { get; }
}

/// <summary>
/// Decides which Go a project builds with and makes sure it is in the cache: the version from
/// GoToolchainVersion or go.work/go.mod, a floating version or range settled against the index
/// (at most once per process per index freshness period), a cache hit at the price of a file
/// check, else an install from the mirror.
/// </summary>
public sealed class ToolchainResolver
{
    private const long MaxIndexSize = 64L << 20;

    private static readonly Regex s_sha256 = new("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);
    private static readonly ConcurrentDictionary<string, (DateTime Fetched, ToolchainIndex Index)> s_indexes = new(StringComparer.Ordinal);

    private readonly ToolchainSettings _settings;
    private readonly IToolchainLog _log;
    private readonly ArchiveDownloader _downloader;
    private readonly ExtractionLimits? _limits;
    private readonly TimeSpan? _lockTimeout;
    private readonly ToolchainCache _cache;
    private ToolchainMirror? _mirror;
    private ToolchainIndex? _index;

    /// <summary>Creates a resolver; the optional seams serve tests.</summary>
    public ToolchainResolver(
        ToolchainSettings settings,
        IToolchainLog log,
        DownloadPolicy? policy = null,
        HttpMessageHandler? handler = null,
        ExtractionLimits? limits = null,
        TimeSpan? lockTimeout = null)
    {
        _settings = settings;
        _log = log;
        _downloader = new ArchiveDownloader(settings.AllowHttp, log, policy, handler);
        _limits = limits;
        _lockTimeout = lockTimeout;
        _cache = new ToolchainCache(settings.CacheDir);
    }

    /// <summary>The files the resolution read and the ones it looked for in vain (for the toolchain record).</summary>
    public Records.DecisionInputs Inputs { get; } = new();

    /// <summary>How long an index read from a URL is used before it is read again (for floating versions).</summary>
    public static TimeSpan IndexMaxAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Which version GoToolchainVersion, go.work or go.mod asks for, and where that came from.
    /// GOB1002 when nothing pins one; GOB1004/GOB1005 for unreadable versions.
    /// </summary>
    public (ToolchainVersionRequest Request, string Source, bool FromModule) DetermineRequest()
    {
        if (!string.IsNullOrWhiteSpace(_settings.Version))
        {
            return (ToolchainVersionRequest.Parse(_settings.Version!), "GoToolchainVersion", false);
        }

        string? module = Go.GoModule.FindAbove(_settings.ProjectDirectory, "go.mod", Inputs.Absent);
        string? work = _settings.WorkFileDecided ? _settings.WorkFile : Go.GoModule.FindAbove(_settings.ProjectDirectory, "go.work", Inputs.Absent);
        string? file = work ?? module;
        if (file == null)
        {
            throw new GoBuildException("NoToolchainVersion", _settings.ProjectDirectory, Resources.Format("NoGoModOrWork"));
        }

        Inputs.Read.Add(file);
        GoVersionDirectives directives = GoVersionDirectives.Read(file);
        GoVersion? release = directives.RequiredRelease();
        if (release == null)
        {
            throw new GoBuildException("NoToolchainVersion", _settings.ProjectDirectory, Resources.Format("NoVersionLines", file));
        }

        bool fromToolchainLine = directives.ToolchainLine != null && directives.ToolchainLine != "default"
            && GoVersion.TryParse(directives.ToolchainLine)!.ToolchainName == release.ToolchainName;
        string source = string.Format(CultureInfo.InvariantCulture, "the {0} line of {1}", fromToolchainLine ? "toolchain" : "go", file);
        return (ToolchainVersionRequest.Parse(release.ToolchainName), source, file == module);
    }

    /// <summary>
    /// Resolves and, unless offline or design-time, installs the toolchain. Returns null only for
    /// a design-time build whose toolchain is not in the cache. <paramref name="selectRelease"/>
    /// lets the caller settle a floating request once per build (it gets a key and the work).
    /// </summary>
    public ResolvedToolchain? Resolve(CancellationToken cancellationToken, Func<string, Func<GoVersion?>, GoVersion?>? selectRelease = null)
    {
        string? sha = NormalizeSha256(_settings.Sha256);
        (ToolchainVersionRequest request, string source, bool fromModule) = DetermineRequest();
        bool noNetwork = _settings.Offline || _settings.DesignTime;
        if (!_settings.DesignTime)
        {
            _cache.EnsureSafeRoot();
        }

        GoVersion? release = request.Exact;
        if (release == null)
        {
            string key = string.Join("|", "GoBuild.Toolchain.Select", request.Text, _settings.Mirror, _cache.Root, noNetwork, _settings.Host);
            Func<GoVersion?> select = () => SelectRelease(request, noNetwork, cancellationToken);
            release = selectRelease == null ? select() : selectRelease(key, select);
            if (release == null)
            {
                return _settings.DesignTime ? null : throw new GoBuildException("OfflineMiss", request.Text, _settings.Host, _cache.Root, _settings.Host.ArchiveName("go<version>"));
            }
        }

        string name = release.ToolchainName;
        if (!fromModule)
        {
            CheckModuleGoLine(release, source);
        }

        string entryName = _settings.Host.EntryName(name);
        ToolchainMarker? marker = _cache.ReadMarker(entryName);
        if (marker != null)
        {
            if (sha != null && !string.Equals(marker.Sha256, sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new GoBuildException("CachedChecksumDiffers", name, _cache.EntryPath(entryName), marker.Sha256, sha);
            }

            _log.Detail("ToolchainCacheHit", name, _cache.EntryPath(entryName), source);
            Inputs.Read.Add(_cache.MarkerPath(entryName));
            return new ResolvedToolchain(_cache.EntryPath(entryName), name, source, _cache.Root);
        }

        if (_settings.DesignTime)
        {
            _log.Detail("ToolchainDesignTimeMiss", name);
            return null;
        }

        if (_settings.Offline && !Mirror.IsLocal)
        {
            throw new GoBuildException("OfflineMiss", name, _settings.Host, _cache.Root, _settings.Host.ArchiveName(name));
        }

        var installer = new ToolchainInstaller(_cache, _settings.Host, _downloader, _log, _limits, _lockTimeout);
        string root = installer.Ensure(name, () => FindArchive(name, sha, cancellationToken), cancellationToken);
        Inputs.Read.Add(_cache.MarkerPath(entryName));
        return new ResolvedToolchain(root, name, source, _cache.Root);
    }

    /// <summary>GOB1003 unless the GOROOT's <paramref name="rootVersion"/> satisfies <paramref name="versionText"/>.</summary>
    public static void VerifyRoot(string root, string rootVersion, string versionText)
    {
        ToolchainVersionRequest request = ToolchainVersionRequest.Parse(versionText);
        GoVersion? actual = GoVersion.TryParse(rootVersion);
        if (actual == null || !request.IsSatisfiedBy(actual))
        {
            throw new GoBuildException("ToolchainRootVersionMismatch", root, rootVersion, versionText);
        }
    }

    private ToolchainMirror Mirror => _mirror ??= ToolchainMirror.Parse(_settings.Mirror, _settings.ProjectDirectory, _settings.AllowHttp);

    private static string? NormalizeSha256(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string sha = value!.Trim();
        return s_sha256.IsMatch(sha) ? sha.ToLowerInvariant() : throw new GoBuildException("InvalidSha256", value);
    }

    private GoVersion? SelectRelease(ToolchainVersionRequest request, bool noNetwork, CancellationToken cancellationToken)
    {
        if (noNetwork && !Mirror.IsLocal)
        {
            // Offline, a floating version settles among the toolchains already installed.
            return request.SelectFrom(_cache.InstalledReleases(_settings.Host).Select(v => (v, true)));
        }

        if (_settings.DesignTime)
        {
            return request.SelectFrom(_cache.InstalledReleases(_settings.Host).Select(v => (v, true)));
        }

        ToolchainIndex index = LoadIndex(null, cancellationToken);
        GoVersion? selected = request.SelectFrom(index.Releases
            .Where(r => r.ArchiveFor(_settings.Host) != null)
            .Select(r => (r.Version, r.Stable)));
        if (selected == null)
        {
            string available = string.Join(", ", index.Releases.Where(r => r.ArchiveFor(_settings.Host) != null).OrderByDescending(r => r.Version).Take(8).Select(r => r.Name));
            throw new GoBuildException("NoMatchingRelease", Mirror.IndexLocation, request.Text, _settings.Host, available.Length == 0 ? "none" : available);
        }

        _log.Detail("ToolchainSelected", request.Text, selected.ToolchainName, Mirror.IndexLocation);
        return selected;
    }

    private void CheckModuleGoLine(GoVersion release, string source)
    {
        string? module = Go.GoModule.FindAbove(_settings.ProjectDirectory, "go.mod", Inputs.Absent);
        if (module == null)
        {
            return;
        }

        Inputs.Read.Add(module);
        GoVersion? required = GoVersionDirectives.Read(module).GoLineVersion;
        if (required != null && required.CompareTo(release) > 0)
        {
            throw new GoBuildException("ModuleNeedsNewerGo", module, required, release.ToolchainName, source, GoVersion.TryParse(required.ToolchainName)!);
        }
    }

    private ArchiveSource FindArchive(string release, string? sha, CancellationToken cancellationToken)
    {
        ToolchainMirror mirror = Mirror;
        if (sha != null)
        {
            // A pinned hash needs no index: the archive has its official name in the mirror.
            ToolchainArchive? known = (_index ?? TryLoadLocalIndex())?.Find(release)?.ArchiveFor(_settings.Host);
            string fileName = known?.FileName ?? _settings.Host.ArchiveName(release);
            return new ArchiveSource(mirror.ArchiveLocation(fileName), fileName, sha, known?.Size ?? 0, "GoToolchainSha256");
        }

        ToolchainIndex index = LoadIndex(release, cancellationToken);
        ToolchainRelease? entry = index.Find(release);
        if (entry == null)
        {
            string available = string.Join(", ", index.Releases.Where(r => r.ArchiveFor(_settings.Host) != null).OrderByDescending(r => r.Version).Take(8).Select(r => r.Name));
            throw new GoBuildException("NoMatchingRelease", mirror.IndexLocation, release, _settings.Host, available.Length == 0 ? "none" : available);
        }

        ToolchainArchive? archive = entry.ArchiveFor(_settings.Host);
        if (archive == null)
        {
            throw new GoBuildException("NoArchiveForHost", mirror.IndexLocation, release, _settings.Host);
        }

        if (archive.Sha256.Length == 0)
        {
            throw new GoBuildException("NoChecksum", mirror.IndexLocation, archive.FileName);
        }

        if (!s_sha256.IsMatch(archive.Sha256))
        {
            throw new GoBuildException("InvalidIndex", mirror.IndexLocation, $"the sha256 of {archive.FileName} is not 64 hexadecimal digits");
        }

        return new ArchiveSource(mirror.ArchiveLocation(archive.FileName), archive.FileName, archive.Sha256, archive.Size, "the index " + mirror.IndexLocation);
    }

    private ToolchainIndex? TryLoadLocalIndex() =>
        Mirror.IsLocal && File.Exists(Mirror.IndexLocation) ? LoadIndex(null, CancellationToken.None) : null;

    /// <summary>
    /// The mirror's index. A local one is read each time. A remote one is kept in memory and in
    /// the cache: a copy that lists <paramref name="release"/> serves however old it is (a
    /// release's hash never changes); for a floating request (<paramref name="release"/> null)
    /// only a copy younger than <see cref="IndexMaxAge"/> serves.
    /// </summary>
    private ToolchainIndex LoadIndex(string? release, CancellationToken cancellationToken)
    {
        if (_index != null && (release == null || _index.Find(release) != null))
        {
            return _index;
        }

        ToolchainMirror mirror = Mirror;
        string location = mirror.IndexLocation;
        if (mirror.IsLocal)
        {
            return _index = ToolchainIndex.Parse(_downloader.ReadAllAsync(location, MaxIndexSize, cancellationToken).GetAwaiter().GetResult(), location);
        }

        bool Serves(DateTime fetched, ToolchainIndex index) =>
            release == null ? DateTime.UtcNow - fetched < IndexMaxAge : index.Find(release) != null;

        if (s_indexes.TryGetValue(location, out var inMemory) && Serves(inMemory.Fetched, inMemory.Index))
        {
            return _index = inMemory.Index;
        }

        string copy = _cache.IndexCopyPath(location);
        ToolchainIndex? stale = null;
        if (File.Exists(copy))
        {
            try
            {
                DateTime fetched = File.GetLastWriteTimeUtc(copy);
                ToolchainIndex onDisk = ToolchainIndex.Parse(File.ReadAllBytes(copy), copy);
                if (Serves(fetched, onDisk))
                {
                    s_indexes[location] = (fetched, onDisk);
                    return _index = onDisk;
                }

                stale = onDisk;
            }
            catch (GoBuildException)
            {
                // A damaged copy is simply read again from the mirror.
            }
        }

        byte[] bytes;
        try
        {
            bytes = _downloader.ReadAllAsync(location, MaxIndexSize, cancellationToken).GetAwaiter().GetResult();
        }
        catch (GoBuildException) when (stale != null && release == null)
        {
            _log.Normal("IndexStale", location, copy);
            return _index = stale;
        }

        ToolchainIndex fresh = ToolchainIndex.Parse(bytes, location);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        string temp = copy + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        File.WriteAllBytes(temp, bytes);
#if NET
        File.Move(temp, copy, overwrite: true);
#else
        if (File.Exists(copy))
        {
            File.Delete(copy);
        }

        File.Move(temp, copy);
#endif
        s_indexes[location] = (DateTime.UtcNow, fresh);
        return _index = fresh;
    }
}
