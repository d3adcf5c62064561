using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Go;

/// <summary>One row of the RID table: a .NET runtime identifier and the Go target it stands for.</summary>
public sealed class RuntimeIdentifierEntry
{
    /// <summary>Creates a row.</summary>
    public RuntimeIdentifierEntry(string runtimeIdentifier, string goOS, string goArch, string goArm = "", bool primary = false)
    {
        RuntimeIdentifier = runtimeIdentifier;
        GoOS = goOS;
        GoArch = goArch;
        GoArm = goArm;
        Primary = primary;
    }

    /// <summary>The .NET runtime identifier (<c>linux-arm64</c>).</summary>
    public string RuntimeIdentifier { get; }

    /// <summary>GOOS.</summary>
    public string GoOS { get; }

    /// <summary>GOARCH.</summary>
    public string GoArch { get; }

    /// <summary>GOARM the RID implies (<c>7</c> for <c>linux-arm</c>), or empty.</summary>
    public string GoArm { get; }

    /// <summary>Whether this is the RID a bare <c>goos/goarch</c> target gets (linux-x64, not linux-musl-x64).</summary>
    public bool Primary { get; }

    /// <summary><c>goos/goarch</c>.</summary>
    public string Pair => GoOS + "/" + GoArch;
}

/// <summary>
/// The table that maps .NET runtime identifiers to Go targets. Its rows live in
/// GoBuild.CrossCompile.targets (the <c>_GoBuildRuntimeIdentifierMap</c> items), so that the
/// targets can select platforms without loading a task, and reach the task as items.
/// </summary>
public sealed class RuntimeIdentifierTable
{
    private readonly Dictionary<string, RuntimeIdentifierEntry> _byRid;

    /// <summary>Creates the table from its rows.</summary>
    public RuntimeIdentifierTable(IEnumerable<RuntimeIdentifierEntry> entries)
    {
        Entries = entries.ToArray();
        _byRid = new Dictionary<string, RuntimeIdentifierEntry>(StringComparer.Ordinal);
        foreach (RuntimeIdentifierEntry entry in Entries)
        {
            _byRid[entry.RuntimeIdentifier] = entry;
        }
    }

    /// <summary>The rows in their order in the targets file.</summary>
    public IReadOnlyList<RuntimeIdentifierEntry> Entries { get; }

    /// <summary>The row of <paramref name="runtimeIdentifier"/>, or null for an RID the table lacks.</summary>
    public RuntimeIdentifierEntry? Find(string runtimeIdentifier) =>
        _byRid.TryGetValue(runtimeIdentifier, out RuntimeIdentifierEntry? entry) ? entry : null;

    /// <summary>The primary RID of <paramref name="goOS"/>/<paramref name="goArch"/>, or null.</summary>
    public string? PrimaryFor(string goOS, string goArch) =>
        Entries.FirstOrDefault(e => e.Primary && e.GoOS == goOS && e.GoArch == goArch)?.RuntimeIdentifier;
}
