using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// A per-version lock that holds across processes and across threads of one process. Across
/// processes it is an OS lock on an open file (FileShare.None: flock on Unix, a sharing lock on
/// Windows), which the OS drops when the holder dies, even by <c>kill -9</c>; the file itself is
/// never deleted, so there is no stale-file check to get wrong. Within a process a semaphore per
/// file orders MSBuild's threads before they touch the file.
/// </summary>
public sealed class ToolchainLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_inProcess = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore;
    private FileStream? _file;

    private ToolchainLock(SemaphoreSlim semaphore, FileStream file)
    {
        _semaphore = semaphore;
        _file = file;
    }

    /// <summary>
    /// Takes the lock on <paramref name="path"/>, waiting up to <paramref name="timeout"/>.
    /// <paramref name="onWait"/> runs once if another holder makes us wait. On timeout, the error
    /// <paramref name="timeoutResource"/> (GOB1017 unless another is named) with what, timeout, path.
    /// </summary>
    public static ToolchainLock Acquire(string path, string what, TimeSpan timeout, Action onWait, CancellationToken cancellationToken, string timeoutResource = "LockTimeout")
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        SemaphoreSlim semaphore = s_inProcess.GetOrAdd(full, _ => new SemaphoreSlim(1, 1));
        var watch = Stopwatch.StartNew();
        bool waited = false;
        if (!semaphore.Wait(0, cancellationToken))
        {
            waited = true;
            onWait();
            if (!semaphore.Wait(timeout, cancellationToken))
            {
                throw new GoBuildException(timeoutResource, what, timeout, full);
            }
        }

        try
        {
            while (true)
            {
                try
                {
                    return new ToolchainLock(semaphore, new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
                }
                catch (IOException ex) when (ex is not FileNotFoundException && ex is not DirectoryNotFoundException && ex is not PathTooLongException)
                {
                    // Held by another process.
                    if (!waited)
                    {
                        waited = true;
                        onWait();
                    }

                    if (watch.Elapsed >= timeout)
                    {
                        throw new GoBuildException(timeoutResource, what, timeout, full);
                    }

                    cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        FileStream? file = Interlocked.Exchange(ref _file, null);
        if (file != null)
        {
            file.Dispose();
            _semaphore.Release();
        }
    }
}
