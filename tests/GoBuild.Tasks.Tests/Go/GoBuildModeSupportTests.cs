using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoBuildModeSupportTests
{
    [TestMethod]
    [DataRow("c-shared", "linux", "amd64", true)]
    [DataRow("c-shared", "windows", "arm64", true)]
    [DataRow("c-shared", "js", "wasm", false)]
    [DataRow("c-shared", "linux", "mips", false)]
    [DataRow("c-archive", "darwin", "arm64", true)]
    [DataRow("c-archive", "freebsd", "arm64", false)]
    [DataRow("pie", "linux", "arm64", true)]
    [DataRow("exe", "js", "wasm", true)]
    public void IsSupported_FollowsGo(string mode, string goos, string goarch, bool expected)
    {
        Assert.AreEqual(expected, GoBuildModeSupport.IsSupported(mode, goos, goarch));
    }

    [TestMethod]
    public void Require_UnsupportedPlatform_FailsWithGOB5007ListingSupportedOnes()
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildModeSupport.Require("c-shared", "js", "wasm"));

        StringAssert.StartsWith(ex.Message, "GOB5007:");
        StringAssert.Contains(ex.Message, "linux/amd64");
    }
}
