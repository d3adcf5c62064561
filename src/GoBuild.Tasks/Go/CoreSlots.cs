using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace GoBuild.Tasks.Go;

/// <summary>
/// A machine-wide count of the cores go processes use, across MSBuild nodes, threads and separate
/// builds of one user: one lock file per core (an OS lock on an open file, which the OS drops when
/// the holder dies, as for <see cref="Toolchain.ToolchainLock"/>). A task takes as many slots as it
/// may use and gives go that many as <c>-p</c>; the sum of all <c>-p</c> never exceeds the budget,
/// however many projects MSBuild runs at once (yielded tasks included).
/// </summary>
public sealed class CoreSlots : IDisposable
{
    private readonly List<FileStream> _held;

    private CoreSlots(List<FileStream> held) => _held = held;

    /// <summary>How many slots are held (at least 1).</summary>
    public int Count => _held.Count;

    /// <summary>
    /// Takes up to <paramref name="wanted"/> of the <paramref name="budget"/> slots in
    /// <paramref name="directory"/>, waiting (and calling <paramref name="onWait"/> once) until at
    /// least one is free.
    /// </summary>
    public static CoreSlots Acquire(string directory, int wanted, int budget, Action onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        bool waited = false;
        while (true)
        {
            var held = new List<FileStream>();
            for (int i = 0; i < budget && held.Count < wanted; i++)
            {
                try
                {
                    held.Add(new FileStream(Path.Combine(directory, "core-" + i + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
                }
                catch (IOException ex) when (ex is not FileNotFoundException && ex is not DirectoryNotFoundException && ex is not PathTooLongException)
                {
                    // Held by another go.
                }
            }

            if (held.Count > 0)
            {
                return new CoreSlots(held);
            }

            if (!waited)
            {
                waited = true;
                onWait();
            }

            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Takes the turn of <paramref name="buildCache"/> (GOCACHE), waiting (and calling
    /// <paramref name="onWait"/> once) while another go process of this user builds with that
    /// cache; disposing the result gives the turn back. go does not share work in flight between
    /// processes: two go builds that need the same uncompiled package (the standard library, on a
    /// cold cache) both compile it. One at a time per cache, with all the cores, each later go finds
    /// what the earlier ones compiled, so eight projects of one solution cost about what one go
    /// build of their eight commands does. Go processes with other caches still share the slots.
    /// </summary>
    public static IDisposable TakeCacheTurn(string directory, string buildCache, Action onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "cache-" + PathKey(Path.GetFullPath(buildCache)) + ".lock");
        bool waited = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException ex) when (ex is not FileNotFoundException && ex is not DirectoryNotFoundException && ex is not PathTooLongException)
            {
                if (!waited)
                {
                    waited = true;
                    onWait();
                }

                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    // A file name for a folder: the first bytes of the SHA-256 of its path.
    private static string PathKey(string path)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(path));
        return string.Concat(System.Linq.Enumerable.Select(System.Linq.Enumerable.Take(hash, 8), b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (FileStream file in _held)
        {
            file.Dispose();
        }

        _held.Clear();
    }
}
