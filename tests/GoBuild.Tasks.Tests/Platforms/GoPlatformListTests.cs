using System;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

[TestClass]
public sealed class GoPlatformListTests
{
    [TestMethod]
    public void Parse_DistListJson_KnowsPairsAndCgoSupport()
    {
        GoPlatformList list = GoPlatformList.Parse(PlatformData.DistListJson);

        Assert.AreEqual(7, list.Platforms.Count);
        Assert.IsTrue(list.Find("linux", "arm64")!.CgoSupported);
        Assert.IsFalse(list.Find("wasip1", "wasm")!.CgoSupported);
        Assert.IsNull(list.Find("linux", "nope"));
        CollectionAssert.AreEqual(list.Platforms.Select(p => p.Pair).OrderBy(p => p, StringComparer.Ordinal).ToArray(), list.Platforms.Select(p => p.Pair).ToArray());
    }

    [TestMethod]
    public void Parse_TextThatIsNotAPlatformArray_ThrowsFormatException()
    {
        Assert.ThrowsExactly<FormatException>(() => GoPlatformList.Parse("not json"));
        Assert.ThrowsExactly<FormatException>(() => GoPlatformList.Parse("{}"));
        Assert.ThrowsExactly<FormatException>(() => GoPlatformList.Parse("[]"));
        Assert.ThrowsExactly<FormatException>(() => GoPlatformList.Parse("""[{ "GOOS": "linux" }]"""));
    }

    [TestMethod]
    public void Load_RunsDistListOnce_AndStoresItPerToolchainVersion()
    {
        string cache = RepoPaths.NewTempDirectory("platforms");
        int runs = 0;

        GoPlatformList first = GoPlatformList.Load("go1.26.11", cache, () => { runs++; return PlatformData.DistListJson; });
        GoPlatformList second = GoPlatformList.Load("go1.26.11", cache, () => { runs++; return PlatformData.DistListJson; });

        Assert.AreEqual(1, runs);
        Assert.AreSame(first, second);
        Assert.AreEqual(PlatformData.DistListJson, File.ReadAllText(Path.Combine(cache, "go1.26.11.json")));
    }

    [TestMethod]
    public void Load_WithStoredList_StartsNoProcess()
    {
        string cache = RepoPaths.NewTempDirectory("platforms");
        File.WriteAllText(GoPlatformList.CacheFile(cache, "go1.22.12"), PlatformData.DistListJson);

        GoPlatformList list = GoPlatformList.Load("go1.22.12", cache, () => throw new InvalidOperationException("go must not run"));

        Assert.IsNotNull(list.Find("windows", "amd64"));
    }

    [TestMethod]
    public void Load_WithDamagedStoredList_RunsDistListAndReplacesIt()
    {
        string cache = RepoPaths.NewTempDirectory("platforms");
        string file = GoPlatformList.CacheFile(cache, "go1.26.11");
        File.WriteAllText(file, "[{ truncated");

        GoPlatformList list = GoPlatformList.Load("go1.26.11", cache, () => PlatformData.DistListJson);

        Assert.IsNotNull(list.Find("linux", "arm"));
        Assert.AreEqual(PlatformData.DistListJson, File.ReadAllText(file));
    }

    [TestMethod]
    public void CacheFile_DevelopmentVersion_IsOneSafeFileName()
    {
        string file = GoPlatformList.CacheFile("/cache", "devel go1.27-abc/def +x");

        Assert.AreEqual("devel_go1.27-abc_def__x.json", Path.GetFileName(file));
    }
}
