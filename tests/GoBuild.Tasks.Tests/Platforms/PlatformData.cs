using System.Collections.Generic;
using GoBuild.Tasks.Go;

namespace GoBuild.Tasks.Tests.Platforms;

/// <summary>Test data: a small dist list, and the SDK's RID table.</summary>
internal static class PlatformData
{
    /// <summary>An excerpt of go1.26's `go tool dist list -json`.</summary>
    public const string DistListJson = """
        [
        	{ "GOOS": "darwin", "GOARCH": "arm64", "CgoSupported": true, "FirstClass": true },
        	{ "GOOS": "js", "GOARCH": "wasm", "CgoSupported": false, "FirstClass": false },
        	{ "GOOS": "linux", "GOARCH": "amd64", "CgoSupported": true, "FirstClass": true },
        	{ "GOOS": "linux", "GOARCH": "arm", "CgoSupported": true, "FirstClass": true },
        	{ "GOOS": "linux", "GOARCH": "arm64", "CgoSupported": true, "FirstClass": true },
        	{ "GOOS": "wasip1", "GOARCH": "wasm", "CgoSupported": false, "FirstClass": false },
        	{ "GOOS": "windows", "GOARCH": "amd64", "CgoSupported": true, "FirstClass": true }
        ]
        """;

    public static GoPlatformList Platforms { get; } = GoPlatformList.Parse(DistListJson);

    /// <summary>The SDK's RID table (its only copy is in C#).</summary>
    public static IReadOnlyList<RuntimeIdentifierEntry> TableEntries() => RuntimeIdentifierTable.Default.Entries;

    public static RuntimeIdentifierTable Table() => RuntimeIdentifierTable.Default;
}
