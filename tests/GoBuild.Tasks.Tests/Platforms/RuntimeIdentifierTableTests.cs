using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

/// <summary>The RID table (RuntimeIdentifierTable.Default, its only copy).</summary>
[TestClass]
public sealed class RuntimeIdentifierTableTests
{
    [TestMethod]
    public void Table_MapsEveryRidOfThePublicSurface_AsDocumented()
    {
        RuntimeIdentifierTable table = PlatformData.Table();
        var expected = new Dictionary<string, string>
        {
            ["linux-x64"] = "linux/amd64",
            ["linux-arm64"] = "linux/arm64",
            ["linux-arm"] = "linux/arm",
            ["linux-musl-x64"] = "linux/amd64",
            ["win-x64"] = "windows/amd64",
            ["win-arm64"] = "windows/arm64",
            ["win-x86"] = "windows/386",
            ["osx-x64"] = "darwin/amd64",
            ["osx-arm64"] = "darwin/arm64",
            ["freebsd-x64"] = "freebsd/amd64",
            ["browser-wasm"] = "js/wasm",
            ["wasi-wasm"] = "wasip1/wasm",
        };

        foreach (KeyValuePair<string, string> pair in expected)
        {
            Assert.AreEqual(pair.Value, table.Find(pair.Key)?.Pair, pair.Key);
        }

        Assert.AreEqual("7", table.Find("linux-arm")!.GoArm);
        Assert.AreEqual("linux-x64", table.PrimaryFor("linux", "amd64"));
    }

    [TestMethod]
    public void Table_HasUniqueRids_AndOnePrimaryRidPerPair()
    {
        IReadOnlyList<RuntimeIdentifierEntry> entries = PlatformData.TableEntries();

        Assert.AreEqual(entries.Count, entries.Select(e => e.RuntimeIdentifier).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (IGrouping<string, RuntimeIdentifierEntry> pair in entries.GroupBy(e => e.Pair))
        {
            Assert.AreEqual(1, pair.Count(e => e.Primary), "primary RIDs of " + pair.Key);
        }
    }

    [TestMethod]
    [DataRow("1.22.12")]
    [DataRow("1.26.11")]
    public void Table_NamesOnlyPairsTheSupportedToolchainsBuild(string version)
    {
        string root = RepoPaths.GoRoot(version);
        ProcessResult result = ProcessResult.Run(
            Path.Combine(root, "bin", "go"),
            new[] { "tool", "dist", "list", "-json" },
            root,
            new Dictionary<string, string?> { ["GOTOOLCHAIN"] = "local", ["GOROOT"] = root });
        Assert.AreEqual(0, result.ExitCode, result.Output);
        GoPlatformList platforms = GoPlatformList.Parse(result.Output);

        foreach (RuntimeIdentifierEntry entry in PlatformData.TableEntries())
        {
            Assert.IsNotNull(platforms.Find(entry.GoOS, entry.GoArch), $"{entry.RuntimeIdentifier} → {entry.Pair} is not in go{version}'s dist list");
        }
    }
}
