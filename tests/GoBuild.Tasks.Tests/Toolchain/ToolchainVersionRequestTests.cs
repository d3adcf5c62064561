using System.Linq;
using GoBuild.Tasks.Toolchain;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>GoToolchainVersion: exact, floating and NuGet-style ranges, settled against a release list.</summary>
[TestClass]
public sealed class ToolchainVersionRequestTests
{
    private static readonly (GoVersion, bool)[] s_available =
        new[] { ("go1.27rc1", false), ("go1.26.11", true), ("go1.26.2", true), ("go1.25.7", true), ("go1.22.12", true), ("go1.20", true) }
        .Select(r => (GoVersion.TryParse(r.Item1)!, r.Item2)).ToArray();

    [TestMethod]
    [DataRow("1.26.11", "go1.26.11")]
    [DataRow("go1.26.11", "go1.26.11")]
    [DataRow("1.27rc1", "go1.27rc1")]
    [DataRow("1.26.*", "go1.26.11")]
    [DataRow("go1.26.*", "go1.26.11")]
    [DataRow("1.*", "go1.26.11")]
    [DataRow("[1.25,1.27)", "go1.26.11")]
    [DataRow("[1.20,1.23)", "go1.22.12")]
    [DataRow("(,1.26]", "go1.25.7")]
    [DataRow("[1.27rc1,)", "go1.27rc1")]
    [DataRow("[go1.25,go1.26.2]", "go1.26.2")]
    public void SelectFrom_PicksTheNewestMatchingRelease(string text, string expected)
    {
        Assert.AreEqual(expected, ToolchainVersionRequest.Parse(text).SelectFrom(s_available)!.ToolchainName);
    }

    [TestMethod]
    public void SelectFrom_FloatingAndRangesSkipUnstableReleases()
    {
        Assert.AreEqual("go1.26.11", ToolchainVersionRequest.Parse("[1.26,1.28)").SelectFrom(s_available)!.ToolchainName);
        Assert.IsNull(ToolchainVersionRequest.Parse("1.27.*").SelectFrom(s_available));
        Assert.IsNull(ToolchainVersionRequest.Parse("1.26.12").SelectFrom(s_available));
    }

    [TestMethod]
    public void Exact_TwoPartVersionMeansItsFirstRelease()
    {
        Assert.AreEqual("go1.22.0", ToolchainVersionRequest.Parse("1.22").Exact!.ToolchainName);
        Assert.AreEqual("go1.20", ToolchainVersionRequest.Parse("1.20.0").Exact!.ToolchainName);
    }

    [TestMethod]
    public void IsSatisfiedBy_ChecksAnInstalledRoot()
    {
        Assert.IsTrue(ToolchainVersionRequest.Parse("1.26.*").IsSatisfiedBy(GoVersion.TryParse("go1.26.11")!));
        Assert.IsFalse(ToolchainVersionRequest.Parse("1.22.*").IsSatisfiedBy(GoVersion.TryParse("go1.26.11")!));
        Assert.IsTrue(ToolchainVersionRequest.Parse("[1.25,1.27)").IsSatisfiedBy(GoVersion.TryParse("go1.26.11")!));
        Assert.IsTrue(ToolchainVersionRequest.Parse("1.22").IsSatisfiedBy(GoVersion.TryParse("go1.22.0")!));
    }

    [TestMethod]
    [DataRow("latest")]
    [DataRow("1.26.x")]
    [DataRow("[1.25")]
    [DataRow("[abc,)")]
    [DataRow(">=1.25")]
    public void Parse_RejectsOtherForms_WithGOB1004(string text)
    {
        string message = TestArchives.AssertFails("GOB1004", () => ToolchainVersionRequest.Parse(text));
        StringAssert.Contains(message, text);
    }
}
