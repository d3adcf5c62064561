using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
#if NET
using System.Formats.Tar;
#endif

namespace GoBuild.Tasks.Toolchain;

/// <summary>Limits that stop a hostile archive from filling the disk.</summary>
public sealed class ExtractionLimits
{
    /// <summary>Largest single file (the biggest file of a Go toolchain is ~30 MB).</summary>
    public long MaxEntrySize { get; set; } = 512L << 20;

    /// <summary>Largest total of all files (a toolchain unpacks to ~270 MB).</summary>
    public long MaxTotalSize { get; set; } = 4L << 30;

    /// <summary>Most entries (a toolchain has ~17,000).</summary>
    public int MaxEntries { get; set; } = 200_000;
}

/// <summary>
/// Unpacks a .tar.gz or .zip into a folder, refusing anything that could land outside it or
/// is not a plain file or folder: <c>..</c> segments, absolute paths, drive letters, symbolic
/// and hard links, devices, FIFOs, and entries past the size limits. Executable bits are kept
/// (as 0755; nothing is written group- or world-writable, setuid or setgid).
/// </summary>
/// <remarks>
/// .tar.gz needs System.Formats.Tar, which exists from .NET 7 on: the netstandard2.0 build (what
/// .NET Framework MSBuild loads, i.e. Visual Studio on Windows, where official archives are
/// .zip) unpacks .zip only and refuses .tar.gz with GOB1019, rather than ship a tar reader.
/// </remarks>
public sealed class ArchiveExtractor
{
    private const int CopyBufferSize = 128 * 1024;

#if NET
    private const UnixFileMode ExecutableMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly UnixFileMode s_directoryMode = ExecutableMode;
    private static readonly UnixFileMode s_fileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
#endif

    private readonly ExtractionLimits _limits;
    private readonly byte[] _buffer = new byte[CopyBufferSize];
    private readonly HashSet<string> _createdDirectories = new(StringComparer.Ordinal);
    private string _destination = string.Empty;
    private long _total;
    private int _entries;

    /// <summary>Creates an extractor with <paramref name="limits"/> (defaults when null).</summary>
    public ArchiveExtractor(ExtractionLimits? limits = null) => _limits = limits ?? new ExtractionLimits();

    /// <summary>Whether this build of the tasks can unpack <paramref name="fileName"/>.</summary>
    public static bool CanExtract(string fileName)
    {
#if NET
        return fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase);
#else
        return fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
#endif
    }

    /// <summary>
    /// Unpacks <paramref name="archive"/> (named <paramref name="archiveName"/>, whose extension
    /// says the format) into the existing folder <paramref name="destination"/>. GOB1013 for an
    /// unsafe entry; the folder may then hold part of the archive, and the caller deletes it.
    /// </summary>
    public void Extract(string archive, string archiveName, string destination, CancellationToken cancellationToken)
    {
        _destination = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        _createdDirectories.Clear();
        _total = 0;
        _entries = 0;
        if (archiveName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ExtractZip(archive, archiveName, cancellationToken);
        }
        else if (archiveName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
#if NET
            ExtractTarGz(archive, archiveName, cancellationToken);
#else
            throw new GoBuildException("TarGzNotSupported", archiveName);
#endif
        }
        else
        {
            throw new GoBuildException("UnsafeArchiveEntry", archiveName, archiveName, "the archive is neither .tar.gz nor .zip");
        }
    }

    /// <summary>
    /// The full path an entry named <paramref name="name"/> unpacks to, or a GOB1013 for a name
    /// that is absolute, has a drive letter, a <c>..</c> segment, a backslash or a NUL.
    /// </summary>
    public string ResolveEntryPath(string archiveName, string name)
    {
        if (name.Length == 0 || name.IndexOf('\0') >= 0)
        {
            throw Unsafe(archiveName, name, "the name is empty or holds a NUL character");
        }

        if (name[0] == '/' || name[0] == '\\')
        {
            throw Unsafe(archiveName, name, "the path is absolute");
        }

        if (name.IndexOf(':') >= 0)
        {
            throw Unsafe(archiveName, name, "the path holds a drive letter or a colon");
        }

        if (name.IndexOf('\\') >= 0)
        {
            // A separator on Windows, a plain character elsewhere: refuse either reading.
            throw Unsafe(archiveName, name, "the path holds a backslash");
        }

        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                throw Unsafe(archiveName, name, "the path climbs out with '..'");
            }

            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            return _destination;
        }

        string full = Path.GetFullPath(Path.Combine(_destination, string.Join(Path.DirectorySeparatorChar.ToString(), parts)));
        if (!full.StartsWith(_destination, StringComparison.Ordinal))
        {
            throw Unsafe(archiveName, name, "the path leaves the destination folder");
        }

        return full;
    }

    private static GoBuildException Unsafe(string archiveName, string entry, string reason) =>
        new("UnsafeArchiveEntry", archiveName, entry, reason);

    private void CountEntry(string archiveName, string name, long size)
    {
        if (++_entries > _limits.MaxEntries)
        {
            throw Unsafe(archiveName, name, $"the archive has more than {_limits.MaxEntries} entries");
        }

        if (size > _limits.MaxEntrySize)
        {
            throw Unsafe(archiveName, name, $"the entry is {size} bytes, more than the limit of {_limits.MaxEntrySize}");
        }

        _total += Math.Max(size, 0);
        if (_total > _limits.MaxTotalSize)
        {
            throw Unsafe(archiveName, name, $"the archive unpacks to more than {_limits.MaxTotalSize} bytes");
        }
    }

    private void CreateDirectory(string path)
    {
        string trimmed = path.TrimEnd(Path.DirectorySeparatorChar);
        if (trimmed.Length + 1 >= _destination.Length && _createdDirectories.Add(trimmed))
        {
#if NET
            if (!OperatingSystem.IsWindows())
            {
                // Not group-writable, whatever the umask says.
                Directory.CreateDirectory(trimmed, s_directoryMode);
                return;
            }
#endif
            Directory.CreateDirectory(trimmed);
        }
    }

    private static FileStream CreateFile(string path, bool executable)
    {
#if NET
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? s_directoryMode : s_fileMode;
        }

        try
        {
            return new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A duplicate entry: the later one wins, with its own mode.
            File.Delete(path);
            return new FileStream(path, options);
        }
#else
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
#endif
    }

    private void WriteFile(string archiveName, string name, string path, Stream? data, long declaredSize, bool executable)
    {
        CreateDirectory(Path.GetDirectoryName(path)!);
        if (Directory.Exists(path))
        {
            throw Unsafe(archiveName, name, "a file entry replaces a folder");
        }

        using FileStream output = CreateFile(path, executable);
        if (data == null)
        {
            return;
        }

        // Count what arrives, not what the header claims: a zip's sizes can lie.
        long copied = 0;
        int read;
        while ((read = data.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            copied += read;
            if (copied > _limits.MaxEntrySize || (declaredSize >= 0 && copied > declaredSize))
            {
                throw Unsafe(archiveName, name, $"the entry holds more bytes than its declared size {declaredSize} or the limit");
            }

            output.Write(_buffer, 0, read);
        }
    }

    private void ExtractZip(string archive, string archiveName, CancellationToken cancellationToken)
    {
        using ZipArchive zip = ZipFile.OpenRead(archive);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = entry.FullName;
            int unixMode = ZipUnixMode(entry);
            int type = unixMode & 0xF000;
            const int regular = 0x8000, directory = 0x4000, symlink = 0xA000;
            if (type == symlink)
            {
                throw Unsafe(archiveName, name, "symbolic links are not allowed");
            }

            if (type != 0 && type != regular && type != directory)
            {
                throw Unsafe(archiveName, name, "devices, FIFOs and sockets are not allowed");
            }

            string path = ResolveEntryPath(archiveName, name);
            CountEntry(archiveName, name, entry.Length);
            if (name.EndsWith("/", StringComparison.Ordinal) || type == directory)
            {
                CreateDirectory(path);
                continue;
            }

            using Stream data = entry.Open();
            WriteFile(archiveName, name, path, data, entry.Length, (unixMode & 0x49) != 0);
        }
    }

    private static int ZipUnixMode(ZipArchiveEntry entry)
    {
        // Unix zip tools store st_mode in the high 16 bits of the external attributes.
#if NET
        return (int)((uint)entry.ExternalAttributes >> 16);
#else
        // netstandard2.0 lacks the property; the runtimes that load this build (.NET Framework 4.7.2+) have it.
        object? value = typeof(ZipArchiveEntry).GetProperty("ExternalAttributes")?.GetValue(entry);
        return value is int attributes ? (int)((uint)attributes >> 16) : 0;
#endif
    }

#if NET
    private void ExtractTarGz(string archive, string archiveName, CancellationToken cancellationToken)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        TarEntry? entry;
        while ((entry = reader.GetNextEntry()) != null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = entry.Name;
            switch (entry.EntryType)
            {
                case TarEntryType.GlobalExtendedAttributes:
                    // pax metadata, not a file.
                    continue;
                case TarEntryType.Directory:
                    CountEntry(archiveName, name, 0);
                    CreateDirectory(ResolveEntryPath(archiveName, name));
                    continue;
                case TarEntryType.RegularFile:
                case TarEntryType.V7RegularFile:
                case TarEntryType.ContiguousFile:
                    string path = ResolveEntryPath(archiveName, name);
                    CountEntry(archiveName, name, entry.Length);
                    WriteFile(archiveName, name, path, entry.DataStream, entry.Length, (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
                    continue;
                case TarEntryType.SymbolicLink:
                    throw Unsafe(archiveName, name, $"symbolic links are not allowed (to '{entry.LinkName}')");
                case TarEntryType.HardLink:
                    throw Unsafe(archiveName, name, $"hard links are not allowed (to '{entry.LinkName}')");
                case TarEntryType.CharacterDevice:
                case TarEntryType.BlockDevice:
                case TarEntryType.Fifo:
                    throw Unsafe(archiveName, name, "devices and FIFOs are not allowed");
                default:
                    throw Unsafe(archiveName, name, $"entries of type {entry.EntryType} are not allowed");
            }
        }
    }
#endif
}
