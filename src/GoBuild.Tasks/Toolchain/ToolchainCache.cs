using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
#if NET
using System.Runtime.InteropServices;
#endif
using System.Text;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// The folder of verified toolchains shared by every build of the user:
/// <code>
/// &lt;root&gt;/go1.26.11.linux-amd64/                      a GOROOT; usable only with its marker:
/// &lt;root&gt;/go1.26.11.linux-amd64/.gobuild-complete     "go1.26.11\nsha256 &lt;hex&gt;\narchive &lt;name&gt;", written last
/// &lt;root&gt;/.locks/go1.26.11.linux-amd64.lock           the per-version OS file lock
/// &lt;root&gt;/.staging/go1.26.11.linux-amd64.&lt;random&gt;/    download and unpack area, moved into place when verified
/// &lt;root&gt;/.index/&lt;hash&gt;.json                          last index read from each mirror
/// </code>
/// Staging lives inside the root so the final move is a rename on one file system.
/// </summary>
public sealed class ToolchainCache
{
    /// <summary>The completion marker's file name inside an entry.</summary>
    public const string MarkerName = ".gobuild-complete";

    /// <summary>Opens the cache at <paramref name="root"/> (nothing is created yet).</summary>
    public ToolchainCache(string root) => Root = Path.GetFullPath(root);

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The per-user default: <c>&lt;per-user GoBuild folder&gt;/toolchains</c>.</summary>
    public static string DefaultRoot(Func<string, string?> environment, bool isWindows) =>
        Path.Combine(Go.GoCacheLocations.DefaultRoot(environment, isWindows), "toolchains");

    /// <summary>The GOROOT of entry <paramref name="entryName"/> (go1.26.11.linux-amd64).</summary>
    public string EntryPath(string entryName) => Path.Combine(Root, entryName);

    /// <summary>The marker of entry <paramref name="entryName"/>.</summary>
    public string MarkerPath(string entryName) => Path.Combine(Root, entryName, MarkerName);

    /// <summary>The lock file of entry <paramref name="entryName"/>.</summary>
    public string LockPath(string entryName) => Path.Combine(Root, ".locks", entryName + ".lock");

    /// <summary>Where the last index read from <paramref name="location"/> is kept.</summary>
    public string IndexCopyPath(string location) => Path.Combine(Root, ".index", ShortHash(location) + ".json");

    /// <summary>The marker of a complete entry, or null when the entry is absent or incomplete.</summary>
    public ToolchainMarker? ReadMarker(string entryName)
    {
        string path = MarkerPath(entryName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ToolchainMarker.Parse(File.ReadAllText(path));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates the root if needed (0700 on Unix) and refuses one that others can write (GOB1014):
    /// a toolchain another user could swap would run inside this user's builds.
    /// </summary>
    public void EnsureSafeRoot()
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            if (!Directory.Exists(Root))
            {
                Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            RequireSafe(Root);
            return;
        }
#endif
        // Windows: the default under %LOCALAPPDATA% is private to the user; ACLs are not inspected.
        Directory.CreateDirectory(Root);
    }

    /// <summary>
    /// GOB1014 unless the existing folder <paramref name="path"/> is owned by the current user and
    /// not writable by others. Checked when the cache is used and again before go starts from it,
    /// so a cache that became unsafe since the toolchain was chosen is refused at the next build.
    /// </summary>
    public static void RequireSafe(string path)
    {
#if NET
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            // A folder that is gone is no toolchain: opening it reports GOB1001.
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new GoBuildException("UnsafeCacheDir", path, Convert.ToString((int)mode, 8).PadLeft(4, '0'));
        }

        try
        {
            // Only the owner may chmod: setting the mode it already has proves we own the folder
            // (.NET has no API for a file's owner).
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            throw new GoBuildException("CacheDirNotOwned", path);
        }
#else
        // The netstandard2.0 build runs in .NET Framework MSBuild, on Windows: ACLs are not inspected.
        _ = path;
#endif
    }

    /// <summary>A new, empty staging folder for entry <paramref name="entryName"/>.</summary>
    public string CreateStaging(string entryName)
    {
        string path = Path.Combine(Root, ".staging", entryName + "." + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Removes what an interrupted install of <paramref name="entryName"/> left: its staging
    /// folders and an entry without a marker. Call only while holding the entry's lock: then no
    /// one else is using them. Returns whether anything was removed.
    /// </summary>
    public bool RemoveIncomplete(string entryName)
    {
        bool removed = false;
        string staging = Path.Combine(Root, ".staging");
        if (Directory.Exists(staging))
        {
            foreach (string dir in Directory.EnumerateDirectories(staging, entryName + ".*"))
            {
                DeleteDirectory(dir);
                removed = true;
            }
        }

        string entry = EntryPath(entryName);
        if (Directory.Exists(entry) && !File.Exists(MarkerPath(entryName)))
        {
            DeleteDirectory(entry);
            removed = true;
        }

        return removed;
    }

    /// <summary>Moves the unpacked GOROOT <paramref name="stagedRoot"/> into place as <paramref name="entryName"/>.</summary>
    public string Publish(string stagedRoot, string entryName)
    {
        string entry = EntryPath(entryName);
        Directory.Move(stagedRoot, entry);
        return entry;
    }

    /// <summary>
    /// Writes the marker of <paramref name="entryName"/>, after flushing the file system so that
    /// the files it vouches for are on disk first; the marker itself appears by an atomic rename.
    /// </summary>
    public void WriteMarker(string entryName, ToolchainMarker marker)
    {
        string path = MarkerPath(entryName);
        string temp = path + ".tmp";
        FileSystemFlush.Flush(EntryPath(entryName));
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(marker.ToString());
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path);
    }

    /// <summary>The complete entries for <paramref name="host"/>, by release.</summary>
    public IEnumerable<GoVersion> InstalledReleases(HostPlatform host)
    {
        if (!Directory.Exists(Root))
        {
            return Enumerable.Empty<GoVersion>();
        }

        string suffix = "." + host.GoOS + "-" + host.ArchiveArch;
        return Directory.EnumerateDirectories(Root, "go*" + suffix)
            .Select(Path.GetFileName)
            .Where(name => name != null && File.Exists(MarkerPath(name)))
            .Select(name => GoVersion.TryParse(name!.Substring(0, name.Length - suffix.Length)))
            .Where(v => v != null)
            .Select(v => v!)
            .ToList();
    }

    /// <summary>Deletes a folder tree, read-only files included.</summary>
    public static void DeleteDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(path, recursive: true);
        }
    }

    // FNV-1a: a stable file name for a URL. Not a security boundary, and unlike SHA-256 it does
    // not initialise the crypto library on a path that must stay cheap.
    private static string ShortHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}

/// <summary>What a completion marker records: the version go reports, and the verified archive.</summary>
public sealed class ToolchainMarker
{
    /// <summary>Creates a marker.</summary>
    public ToolchainMarker(string goVersion, string sha256, string archive)
    {
        GoVersion = goVersion;
        Sha256 = sha256;
        Archive = archive;
    }

    /// <summary>What <c>go env GOVERSION</c> printed: go1.26.11.</summary>
    public string GoVersion { get; }

    /// <summary>The SHA-256 the archive was verified against.</summary>
    public string Sha256 { get; }

    /// <summary>The archive's file name.</summary>
    public string Archive { get; }

    /// <summary>Reads a marker's text.</summary>
    public static ToolchainMarker Parse(string text)
    {
        string[] lines = text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
        string Value(string key) => lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?.Substring(key.Length + 1) ?? string.Empty;
        return new ToolchainMarker(lines.Length > 0 ? lines[0].Trim() : string.Empty, Value("sha256"), Value("archive"));
    }

    /// <inheritdoc/>
    public override string ToString() => GoVersion + "\nsha256 " + Sha256 + "\narchive " + Archive + "\n";
}

/// <summary>Gets written files onto the disk before a marker vouches for them.</summary>
internal static class FileSystemFlush
{
    /// <summary>
    /// On Linux, syncfs(2) on the file system holding <paramref name="path"/>: one call instead
    /// of an fsync per file (a toolchain has ~15,000). Elsewhere a no-op: each file was closed,
    /// which protects against a killed build; only a power loss right after the install could
    /// then leave a marked entry incomplete.
    /// </summary>
    public static void Flush(string path)
    {
#if NET
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return;
        }

        try
        {
            int fd = NativeMethods.Open(path, 0);
            if (fd >= 0)
            {
                _ = NativeMethods.SyncFs(fd);
                _ = NativeMethods.Close(fd);
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
#else
        // The netstandard2.0 build runs in .NET Framework MSBuild, on Windows: see above.
        _ = path;
#endif
    }

#if NET
    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
#pragma warning disable CA2101 // Linux paths are UTF-8, marshalled as such.
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101

        [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
        public static extern int SyncFs(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
    }
#endif
}
