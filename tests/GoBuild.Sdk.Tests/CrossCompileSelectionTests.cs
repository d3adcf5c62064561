using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// Which platforms a project selects and where each output goes, read with `dotnet msbuild
/// -getItem` after the selection target alone: no go runs, so every case is cheap.
/// </summary>
[TestClass]
public sealed class CrossCompileSelectionTests
{
    private sealed record Target(string Key, string Platform, string GoArm, string Rid, string Output, string Header);

    private static List<Target> Select(TestProject ws, params string[] properties)
    {
        DotNetResult result = ws.DotNet("msbuild", "app/app.csproj", new[] { "-t:_GoBuildComputeTargets", "-getItem:_GoBuildTarget" }.Concat(properties.Select(p => "-p:" + p)).ToArray(), timeout: null, onStarted: null).AssertSuccess();
        string json = result.Output.Substring(result.Output.IndexOf('{', System.StringComparison.Ordinal));
        using JsonDocument document = JsonDocument.Parse(json);
        string bin = ws.PathOf("app/bin/Debug/");
        return document.RootElement.GetProperty("Items").GetProperty("_GoBuildTarget").EnumerateArray()
            .Select(item => new Target(
                item.GetProperty("Key").GetString()!,
                item.GetProperty("GoOS").GetString() + "/" + item.GetProperty("GoArch").GetString(),
                item.TryGetProperty("GOARM", out JsonElement arm) ? arm.GetString()! : string.Empty,
                item.TryGetProperty("RuntimeIdentifier", out JsonElement rid) ? rid.GetString()! : string.Empty,
                item.GetProperty("OutputPath").GetString()!.Replace(bin, string.Empty),
                item.TryGetProperty("HeaderPath", out JsonElement header) ? header.GetString()!.Replace(bin, string.Empty) : string.Empty))
            .OrderBy(t => t.Key, System.StringComparer.Ordinal)
            .ToList();
    }

    [TestMethod]
    public void Select_NothingAskedFor_IsTheHostWithoutRid_AtTheTopOfOutDir()
    {
        TestProject ws = TestProject.CreateHello(nameof(Select_NothingAskedFor_IsTheHostWithoutRid_AtTheTopOfOutDir));

        CollectionAssert.AreEqual(
            new[] { new Target("linux-amd64", "linux/amd64", string.Empty, string.Empty, "app", string.Empty) },
            Select(ws));
    }

    [TestMethod]
    public void Select_ItemsPlatformsAndRuntimeIdentifiers_GivesEachTargetAFolderNamedByRidOrPair()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Select_ItemsPlatformsAndRuntimeIdentifiers_GivesEachTargetAFolderNamedByRidOrPair),
            properties: """
                <GoTargetPlatforms>linux/amd64;Linux/MIPS64;linux/arm</GoTargetPlatforms>
                <RuntimeIdentifiers>linux-musl-x64;win-arm64;linux-x64</RuntimeIdentifiers>
                """,
            items: """<GoTargetPlatform Include="linux/arm" GOARM="6" RuntimeIdentifier="linux-armv6" />""");

        List<Target> all = Select(ws);
        CollectionAssert.AreEqual(
            new[]
            {
                new Target("linux-armv6", "linux/arm", "6", "linux-armv6", "linux-armv6/app", string.Empty),
                new Target("linux-mips64", "linux/mips64", string.Empty, string.Empty, "linux-mips64/app", string.Empty),
                new Target("linux-musl-x64", "linux/amd64", string.Empty, "linux-musl-x64", "linux-musl-x64/app", string.Empty),
                new Target("linux-x64", "linux/amd64", string.Empty, "linux-x64", "linux-x64/app", string.Empty),
                new Target("win-arm64", "windows/arm64", string.Empty, "win-arm64", "win-arm64/app.exe", string.Empty),
            },
            all,
            string.Join("\n", all));

        // dotnet build -r <rid>: that one target, the declared item when it carries the RID.
        CollectionAssert.AreEqual(
            new[] { new Target("linux-armv6", "linux/arm", "6", "linux-armv6", "linux-armv6/app", string.Empty) },
            Select(ws, "RuntimeIdentifier=linux-armv6"));
    }

    [TestMethod]
    public void Select_RuntimeIdentifierFromTheTable_WithSharedLibraries_NamesFilesByPlatform()
    {
        TestProject ws = TestProject.CreateHello(nameof(Select_RuntimeIdentifierFromTheTable_WithSharedLibraries_NamesFilesByPlatform), properties: "<GoBuildMode>c-shared</GoBuildMode>");

        CollectionAssert.AreEqual(
            new[] { new Target("linux-arm", "linux/arm", "7", "linux-arm", "linux-arm/libapp.so", "linux-arm/libapp.h") },
            Select(ws, "RuntimeIdentifier=linux-arm"));
        CollectionAssert.AreEqual(
            new[]
            {
                new Target("osx-arm64", "darwin/arm64", string.Empty, "osx-arm64", "osx-arm64/libapp.dylib", "osx-arm64/libapp.h"),
                new Target("win-x64", "windows/amd64", string.Empty, "win-x64", "win-x64/app.dll", "win-x64/app.h"),
            },
            Select(ws, "GoTargetPlatforms=\"windows/amd64;darwin/arm64\""));
    }
}
