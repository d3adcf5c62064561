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
/// The table that maps .NET runtime identifiers to Go targets: <see cref="Default"/> is its only
/// copy. The decision task (CrossCompile, through <see cref="TargetMatrix"/>) selects targets with
/// it and records the result, so the targets never need the table themselves.
/// </summary>
public sealed class RuntimeIdentifierTable
{
    private readonly Dictionary<string, RuntimeIdentifierEntry> _byRid;

    /// <summary>
    /// The SDK's table. Primary marks the RID a bare goos/goarch target gets (linux/amd64 →
    /// linux-x64, not linux-musl-x64).
    /// </summary>
    public static RuntimeIdentifierTable Default { get; } = new(new[]
    {
        new RuntimeIdentifierEntry("linux-x64", "linux", "amd64", primary: true),
        new RuntimeIdentifierEntry("linux-musl-x64", "linux", "amd64"),
        new RuntimeIdentifierEntry("linux-arm64", "linux", "arm64", primary: true),
        new RuntimeIdentifierEntry("linux-musl-arm64", "linux", "arm64"),
        new RuntimeIdentifierEntry("linux-arm", "linux", "arm", "7", primary: true),
        new RuntimeIdentifierEntry("linux-musl-arm", "linux", "arm", "7"),
        new RuntimeIdentifierEntry("linux-x86", "linux", "386", primary: true),
        new RuntimeIdentifierEntry("linux-riscv64", "linux", "riscv64", primary: true),
        new RuntimeIdentifierEntry("linux-loongarch64", "linux", "loong64", primary: true),
        new RuntimeIdentifierEntry("linux-ppc64le", "linux", "ppc64le", primary: true),
        new RuntimeIdentifierEntry("linux-s390x", "linux", "s390x", primary: true),
        new RuntimeIdentifierEntry("win-x64", "windows", "amd64", primary: true),
        new RuntimeIdentifierEntry("win-arm64", "windows", "arm64", primary: true),
        new RuntimeIdentifierEntry("win-x86", "windows", "386", primary: true),
        new RuntimeIdentifierEntry("osx-x64", "darwin", "amd64", primary: true),
        new RuntimeIdentifierEntry("osx-arm64", "darwin", "arm64", primary: true),
        new RuntimeIdentifierEntry("freebsd-x64", "freebsd", "amd64", primary: true),
        new RuntimeIdentifierEntry("freebsd-arm64", "freebsd", "arm64", primary: true),
        new RuntimeIdentifierEntry("illumos-x64", "illumos", "amd64", primary: true),
        new RuntimeIdentifierEntry("solaris-x64", "solaris", "amd64", primary: true),
        new RuntimeIdentifierEntry("android-arm64", "android", "arm64", primary: true),
        new RuntimeIdentifierEntry("android-x64", "android", "amd64", primary: true),
        new RuntimeIdentifierEntry("ios-arm64", "ios", "arm64", primary: true),
        new RuntimeIdentifierEntry("browser-wasm", "js", "wasm", primary: true),
        new RuntimeIdentifierEntry("wasi-wasm", "wasip1", "wasm", primary: true),
    });

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

    /// <summary>The rows in their order (GOB4001 lists them so).</summary>
    public IReadOnlyList<RuntimeIdentifierEntry> Entries { get; }

    /// <summary>The row of <paramref name="runtimeIdentifier"/>, or null for an RID the table lacks.</summary>
    public RuntimeIdentifierEntry? Find(string runtimeIdentifier) =>
        _byRid.TryGetValue(runtimeIdentifier, out RuntimeIdentifierEntry? entry) ? entry : null;

    /// <summary>The primary RID of <paramref name="goOS"/>/<paramref name="goArch"/>, or null.</summary>
    public string? PrimaryFor(string goOS, string goArch) =>
        Entries.FirstOrDefault(e => e.Primary && e.GoOS == goOS && e.GoArch == goArch)?.RuntimeIdentifier;
}
