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
