using System.Linq;
using GoBuild.Tasks.Toolchain;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>Go's version grammar and order, as cmd/go's gover package defines them.</summary>
[TestClass]
public sealed class GoVersionTests
{
    [TestMethod]
    [DataRow("1.26.11", "go1.26.11")]
    [DataRow("go1.26.11", "go1.26.11")]
    [DataRow("1.27rc1", "go1.27rc1")]
    [DataRow("go1.21beta2", "go1.21beta2")]
    [DataRow("1.22", "go1.22.0")]
    [DataRow("1.21", "go1.21.0")]
    [DataRow("1.20", "go1.20")]
    [DataRow("1.20.0", "go1.20")]
    [DataRow("1.20.3", "go1.20.3")]
    [DataRow("1.9", "go1.9")]
    [DataRow("1", "go1")]
    [DataRow(" 1.26.11 ", "go1.26.11")]
    public void ToolchainName_FollowsGoNamingOfReleases(string text, string expected)
    {
        Assert.AreEqual(expected, GoVersion.TryParse(text)!.ToolchainName);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("go")]
    [DataRow("1.")]
    [DataRow("1.26.")]
    [DataRow("1.26.11.1")]
    [DataRow("1.21.3rc1")]
    [DataRow("1.27RC1")]
    [DataRow("1.27gamma1")]
    [DataRow("01.26")]
    [DataRow("1.026")]
    [DataRow("go1.21.0-custom")]
    [DataRow("v1.26.11")]
    [DataRow("1.26.*")]
    public void TryParse_RejectsWhatGoRejects(string text)
    {
        Assert.IsNull(GoVersion.TryParse(text));
    }

    [TestMethod]
    public void Order_LanguageVersionThenPrereleasesThenReleases()
    {
        string[] ordered = { "1.20rc1", "1.20", "1.20.1", "1.21", "1.21beta1", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1", "1.21.10", "1.22", "1.22.0", "1.26.11", "1.27rc1" };
        var parsed = ordered.Select(v => GoVersion.TryParse(v)!).ToList();
        for (int i = 0; i + 1 < parsed.Count; i++)
        {
            Assert.IsTrue(parsed[i].CompareTo(parsed[i + 1]) < 0, $"{ordered[i]} < {ordered[i + 1]}");
        }

        string shuffled = string.Join(" ", parsed.OrderBy(v => v.ToString().Length).ThenByDescending(v => v.ToString()).OrderBy(v => v).Select(v => v.ToString()));
        Assert.AreEqual(string.Join(" ", parsed.Select(v => v.ToString())), shuffled);
    }

    [TestMethod]
    public void Before121_MissingPatchEqualsZero_From121_ItIsTheLanguageVersion()
    {
        Assert.AreEqual(GoVersion.TryParse("1.20"), GoVersion.TryParse("1.20.0"));
        Assert.IsTrue(GoVersion.TryParse("1.21")!.IsLanguageVersion);
        Assert.IsTrue(GoVersion.TryParse("1.21")!.CompareTo(GoVersion.TryParse("1.21.0")) < 0);
    }

    [TestMethod]
    public void ToNuGetVersion_PutsPrereleaseBeforeItsRelease()
    {
        Assert.AreEqual("1.27.0-rc.1", GoVersion.TryParse("go1.27rc1")!.ToNuGetVersion().ToNormalizedString());
        Assert.AreEqual("1.26.11", GoVersion.TryParse("go1.26.11")!.ToNuGetVersion().ToNormalizedString());
        Assert.IsTrue(GoVersion.TryParse("1.27rc1")!.ToNuGetVersion() < GoVersion.TryParse("1.27.0")!.ToNuGetVersion());
    }
}
