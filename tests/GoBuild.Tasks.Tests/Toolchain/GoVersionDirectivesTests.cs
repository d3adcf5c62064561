using System.IO;
using GoBuild.Tasks.Toolchain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>The go and toolchain lines of go.mod / go.work, read with Go's rules.</summary>
[TestClass]
public sealed class GoVersionDirectivesTests
{
    [TestMethod]
    [DataRow("module m\n\ngo 1.22\n", "go1.22.0")]
    [DataRow("module m\n\ngo 1.20\n", "go1.20")]
    [DataRow("module m\n\ngo 1.22.3\n", "go1.22.3")]
    [DataRow("module m\n\ngo 1.21rc1\n", "go1.21rc1")]
    [DataRow("module m\n\ngo 1.22\n\ntoolchain go1.26.11\n", "go1.26.11")]
    [DataRow("module m\r\n\r\ngo 1.22 // comment\r\ntoolchain go1.26.11 // pinned\r\n", "go1.26.11")]
    [DataRow("module m\n\ngo 1.26.11\n\ntoolchain go1.22.12\n", "go1.26.11")]
    [DataRow("module m\n\ngo 1.22.1\n\ntoolchain default\n", "go1.22.1")]
    [DataRow("module m\n\nrequire (\n\texample.com/go v1.0.0\n)\n\ngo 1.23\n", "go1.23.0")]
    public void RequiredRelease_FollowsGoRules(string goMod, string expected)
    {
        Assert.AreEqual(expected, Read(goMod).RequiredRelease()!.ToolchainName);
    }

    [TestMethod]
    public void RequiredRelease_WithoutLines_IsNull()
    {
        Assert.IsNull(Read("module m\n").RequiredRelease());
    }

    [TestMethod]
    [DataRow("module m\n\ngo 1.x\n")]
    [DataRow("module m\n\ngo 1.22\ntoolchain 1.26.11\n")]
    [DataRow("module m\n\ngo 1.22\ntoolchain go1.26.11-corp\n")]
    public void RequiredRelease_WithUnreadableLine_FailsWithGOB1005(string goMod)
    {
        TestArchives.AssertFails("GOB1005", () => Read(goMod).RequiredRelease());
    }

    private static GoVersionDirectives Read(string content)
    {
        string dir = RepoPaths.NewTempDirectory("directives");
        string path = Path.Combine(dir, "go.mod");
        File.WriteAllText(path, content);
        return GoVersionDirectives.Read(path);
    }
}
