using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
#if NET
using System.Buffers;
using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Runtime.ExceptionServices;
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
    private readonly Func<string, bool, Stream> _createFile;
    private readonly byte[] _buffer = new byte[CopyBufferSize];
    private readonly HashSet<string> _createdDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private string _destination = string.Empty;
    private long _total;
    private int _entries;

    /// <summary>
    /// Creates an extractor with <paramref name="limits"/> (defaults when null). <paramref name="createFile"/>
    /// creates each unpacked file (path, executable) and defaults to a new file that must not exist yet;
    /// tests pass one that fails.
    /// </summary>
    public ArchiveExtractor(ExtractionLimits? limits = null, Func<string, bool, Stream>? createFile = null)
    {
        _limits = limits ?? new ExtractionLimits();
        _createFile = createFile ?? CreateFile;
    }

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
        _files.Clear();
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

    private void CreateDirectory(string archiveName, string name, string path)
    {
        string trimmed = path.TrimEnd(Path.DirectorySeparatorChar);
        if (trimmed.Length + 1 < _destination.Length || _createdDirectories.Contains(trimmed))
        {
            return;
        }

        if (_files.Contains(trimmed))
        {
            throw Unsafe(archiveName, name, "a folder replaces a file of the archive");
        }

        CreateDirectory(archiveName, name, Path.GetDirectoryName(trimmed)!);
        _createdDirectories.Add(trimmed);
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

    /// <summary>Checks a file entry's path (new, not a folder) and creates its folder.</summary>
    private void PrepareFile(string archiveName, string name, string path)
    {
        if (_createdDirectories.Contains(path))
        {
            throw Unsafe(archiveName, name, "a file replaces a folder of the archive");
        }

        if (!_files.Add(path))
        {
            // Official archives never repeat a name; a repeat could only hide one file behind another.
            throw Unsafe(archiveName, name, "the name appears twice");
        }

        CreateDirectory(archiveName, name, Path.GetDirectoryName(path)!);
    }

    private static FileStream CreateFile(string path, bool executable)
    {
#if NET
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? s_directoryMode : s_fileMode;
        }

        return new FileStream(path, options);
#else
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
#endif
    }

    private void WriteFile(string archiveName, string name, string path, Stream data, long declaredSize, bool executable)
    {
        using Stream output = _createFile(path, executable);

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
                CreateDirectory(archiveName, name, path);
                continue;
            }

            PrepareFile(archiveName, name, path);
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
        // TarReader reads 512-byte headers; feeding inflate large reads is ~15% faster.
        using var buffered = new BufferedStream(gzip, 1 << 20);
        using var reader = new TarReader(buffered);
        using var writer = new BackgroundFileWriter(_createFile, cancellationToken);
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
                    CreateDirectory(archiveName, name, ResolveEntryPath(archiveName, name));
                    continue;
                case TarEntryType.RegularFile:
                case TarEntryType.V7RegularFile:
                case TarEntryType.ContiguousFile:
                    string path = ResolveEntryPath(archiveName, name);
                    CountEntry(archiveName, name, entry.Length);
                    PrepareFile(archiveName, name, path);
                    bool executable = (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
                    if (entry.DataStream == null || entry.Length == 0)
                    {
                        _createFile(path, executable).Dispose();
                    }
                    else if (entry.Length <= BackgroundFileWriter.MaxFileSize)
                    {
                        // Small files are written by another thread while this one inflates the next.
                        writer.Write(path, entry.DataStream, (int)entry.Length, executable);
                    }
                    else
                    {
                        WriteFile(archiveName, name, path, entry.DataStream, entry.Length, executable);
                    }

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

        writer.Complete();
    }

    /// <summary>
    /// Writes small files on a background thread, so that writing (syscall-bound) overlaps
    /// inflating (CPU-bound). Memory stays bounded: at most <see cref="MaxQueued"/> files of at
    /// most <see cref="MaxFileSize"/> bytes wait. Paths are checked and folders created before a
    /// file is queued; this class only writes.
    /// </summary>
    private sealed class BackgroundFileWriter : IDisposable
    {
        public const int MaxFileSize = 256 * 1024;
        private const int MaxQueued = 64;

        private readonly BlockingCollection<(string Path, byte[] Data, int Length, bool Executable)> _queue = new(MaxQueued);
        private readonly Thread _thread;
        private readonly Func<string, bool, Stream> _createFile;
        private readonly CancellationToken _cancellationToken;
        private Exception? _failure;

        public BackgroundFileWriter(Func<string, bool, Stream> createFile, CancellationToken cancellationToken)
        {
            _createFile = createFile;
            _cancellationToken = cancellationToken;
            _thread = new Thread(Run) { IsBackground = true, Name = "GoBuild toolchain unpack" };
            _thread.Start();
        }

        public void Write(string path, Stream data, int length, bool executable)
        {
            ThrowIfFailed();
            byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
            data.ReadExactly(buffer, 0, length);
            _queue.Add((path, buffer, length, executable), _cancellationToken);
        }

        /// <summary>Waits until every queued file is written; rethrows a write failure.</summary>
        public void Complete()
        {
            _queue.CompleteAdding();
            _thread.Join();
            ThrowIfFailed();
        }

        public void Dispose()
        {
            // On failure or cancellation: stop taking work and wait, so nothing writes into a
            // staging folder that the caller is about to delete.
            if (!_queue.IsAddingCompleted)
            {
                _queue.CompleteAdding();
            }

            _thread.Join();
            _queue.Dispose();
        }

        private void ThrowIfFailed()
        {
            Exception? failure = Volatile.Read(ref _failure);
            if (failure != null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        // The first failure wins; the thread keeps draining the queue so the producer never blocks.
        private void Fail(Exception failure) => Interlocked.CompareExchange(ref _failure, failure, null);

        private void Run()
        {
            foreach ((string path, byte[] data, int length, bool executable) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    if (Volatile.Read(ref _failure) == null && !_cancellationToken.IsCancellationRequested)
                    {
                        using Stream output = _createFile(path, executable);
                        output.Write(data, 0, length);
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // What the task thread's own writes can fail with, reported the same way by the installer.
                    Fail(ex);
                }
                catch (Exception ex)
                {
                    // Anything else would be unhandled on this thread and end the MSBuild node.
                    Fail(new GoBuildException("BackgroundStepFailed", "Unpacking " + path, ex.ToString()));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(data);
                }
            }
        }
    }
#endif
}
