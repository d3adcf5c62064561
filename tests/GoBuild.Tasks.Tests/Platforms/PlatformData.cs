using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tests;

namespace GoBuild.Tasks.Tests.Platforms;

/// <summary>Test data: a small dist list, and the RID table as the SDK's targets file defines it.</summary>
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

    public static string TargetsFile => Path.Combine(RepoPaths.Root, "sdk", "GoBuild.Sdk", "Sdk", "GoBuild.CrossCompile.targets");

    /// <summary>The _GoBuildRuntimeIdentifierMap items of GoBuild.CrossCompile.targets, as the task receives them.</summary>
    public static IReadOnlyList<RuntimeIdentifierEntry> TableEntries()
    {
        XDocument document = XDocument.Load(TargetsFile);
        return document.Descendants("_GoBuildRuntimeIdentifierMap")
            .Where(e => e.Attribute("Include") != null)
            .Select(e => new RuntimeIdentifierEntry(
                (string)e.Attribute("Include")!,
                (string?)e.Attribute("GoOS") ?? string.Empty,
                (string?)e.Attribute("GoArch") ?? string.Empty,
                (string?)e.Attribute("GOARM") ?? string.Empty,
                (string?)e.Attribute("Primary") == "true"))
            .ToArray();
    }

    public static RuntimeIdentifierTable Table() => new(TableEntries());
}
