using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using GoBuild.Tasks.Go;

namespace GoBuild.Tasks.Toolchain;

/// <summary>An archive to install and the SHA-256 it must have.</summary>
public sealed class ArchiveSource
{
    /// <summary>Creates a source.</summary>
    public ArchiveSource(string location, string fileName, string sha256, long size, string hashOrigin)
    {
        Location = location;
        FileName = fileName;
        Sha256 = sha256;
        Size = size;
        HashOrigin = hashOrigin;
    }

    /// <summary>URL or path of the archive.</summary>
    public string Location { get; }

    /// <summary>The official file name (its extension says the format).</summary>
    public string FileName { get; }

    /// <summary>Expected lower-case hex SHA-256.</summary>
    public string Sha256 { get; }

    /// <summary>Expected size in bytes, 0 when unknown.</summary>
    public long Size { get; }

    /// <summary>Where the expected hash came from, for messages.</summary>
    public string HashOrigin { get; }
}

/// <summary>
/// Installs one release into the cache, once, however many builds ask at the same time: under
/// the entry's lock it removes what an interrupted install left, downloads into a staging folder
/// in the cache, verifies the SHA-256, unpacks safely, moves the GOROOT into place, checks that
/// <c>go env GOVERSION</c> reports the release, and writes the completion marker last.
/// </summary>
public sealed class ToolchainInstaller
{
    private readonly ToolchainCache _cache;
    private readonly HostPlatform _host;
    private readonly ArchiveDownloader _downloader;
    private readonly IToolchainLog _log;
    private readonly ExtractionLimits? _limits;
    private readonly TimeSpan _lockTimeout;

    /// <summary>Creates an installer.</summary>
    public ToolchainInstaller(ToolchainCache cache, HostPlatform host, ArchiveDownloader downloader, IToolchainLog log, ExtractionLimits? limits = null, TimeSpan? lockTimeout = null)
    {
        _cache = cache;
        _host = host;
        _downloader = downloader;
        _log = log;
        _limits = limits;
        _lockTimeout = lockTimeout ?? TimeSpan.FromMinutes(30);
    }

    /// <summary>
    /// Returns the GOROOT of <paramref name="release"/> (go1.26.11), installing it from the
    /// archive <paramref name="resolveSource"/> names when no complete entry exists.
    /// <paramref name="resolveSource"/> runs only when this call installs.
    /// </summary>
    public string Ensure(string release, Func<ArchiveSource> resolveSource, CancellationToken cancellationToken)
    {
        string entryName = _host.EntryName(release);
        string entry = _cache.EntryPath(entryName);
        if (_cache.ReadMarker(entryName) != null)
        {
            return entry;
        }

        string lockPath = _cache.LockPath(entryName);
        using (ToolchainLock.Acquire(lockPath, release, _lockTimeout, () => _log.Normal("ToolchainWaiting", release, lockPath), cancellationToken))
        {
            // Another build may have finished while we waited.
            if (_cache.ReadMarker(entryName) != null)
            {
                return entry;
            }

            if (_cache.RemoveIncomplete(entryName))
            {
                _log.Normal("ToolchainRepaired", release, _cache.Root);
            }

            Install(release, entryName, resolveSource(), cancellationToken);
        }

        return entry;
    }

    private void Install(string release, string entryName, ArchiveSource source, CancellationToken cancellationToken)
    {
        if (!ArchiveExtractor.CanExtract(source.FileName))
        {
            throw new GoBuildException("TarGzNotSupported", source.FileName);
        }

        string entry = _cache.EntryPath(entryName);
        string staging = _cache.CreateStaging(entryName);
        bool published = false;
        try
        {
            _log.Important("ToolchainInstalling", release, _host, source.Location, entry);
            string archive = Path.Combine(staging, source.FileName);
            DownloadResult download = _downloader.DownloadToFileAsync(source.Location, archive, source.Size, cancellationToken).GetAwaiter().GetResult();
            if (!string.Equals(download.Sha256, source.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new GoBuildException("ChecksumMismatch", source.Location, source.Sha256, download.Sha256, source.HashOrigin);
            }

            string unpacked = Path.Combine(staging, "x");
            Directory.CreateDirectory(unpacked);
            var watch = Stopwatch.StartNew();
            new ArchiveExtractor(_limits).Extract(archive, source.FileName, unpacked, cancellationToken);
            _log.Normal("ToolchainUnpacked", source.FileName, watch.Elapsed.TotalSeconds);
            File.Delete(archive);

            string goroot = Path.Combine(unpacked, "go");
            if (!File.Exists(GoToolchain.ExecutablePath(goroot)))
            {
                throw new GoBuildException("NotAToolchainArchive", source.FileName, _host.IsWindows ? "go/bin/go.exe" : "go/bin/go");
            }

            _cache.Publish(goroot, entryName);
            published = true;
            string reported = QueryGoVersion(entry, cancellationToken);
            if (reported != release)
            {
                throw new GoBuildException("InstalledVersionMismatch", source.FileName, reported, release);
            }

            _cache.WriteMarker(entryName, new ToolchainMarker(reported, download.Sha256, source.FileName));
            published = false;
        }
        finally
        {
            // Nothing unverified stays: a failed install leaves the cache as it found it.
            TryDelete(staging);
            if (published)
            {
                TryDelete(entry);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            ToolchainCache.DeleteDirectory(path);
        }
        catch (IOException)
        {
            // The next install under the lock removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>What <c>go env GOVERSION</c> prints for the GOROOT <paramref name="root"/>, in a clean environment.</summary>
    private static string QueryGoVersion(string root, CancellationToken cancellationToken)
    {
        bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var caches = new GoCacheLocations(GoCacheLocations.DefaultRoot(Environment.GetEnvironmentVariable, windows));
        Dictionary<string, string> env = GoEnvironment.Create(root, caches, Environment.GetEnvironmentVariable);
        var output = new List<string>();
        int exitCode = new GoProcessRunner(GoToolchain.ExecutablePath(root)).Run(
            new[] { "env", "GOVERSION" },
            root,
            env,
            (line, _) => output.Add(line),
            cancellationToken);
        string first = output.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return exitCode == 0 ? first : $"(go env failed with exit code {exitCode}: {string.Join(" ", output)})";
    }
}
