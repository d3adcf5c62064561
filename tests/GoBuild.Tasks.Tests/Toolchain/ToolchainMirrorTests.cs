using GoBuild.Tasks.Toolchain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>GoToolchainMirror: the official site, other base URLs, index URLs and local folders.</summary>
[TestClass]
public sealed class ToolchainMirrorTests
{
    [TestMethod]
    public void Default_IsTheOfficialSiteWithItsJsonQuery()
    {
        ToolchainMirror mirror = ToolchainMirror.Parse(null, ".", allowHttp: false);

        Assert.AreEqual("https://go.dev/dl/?mode=json&include=all", mirror.IndexLocation);
        Assert.AreEqual("https://go.dev/dl/go1.26.11.linux-amd64.tar.gz", mirror.ArchiveLocation("go1.26.11.linux-amd64.tar.gz"));
    }

    [TestMethod]
    [DataRow("https://mirror.example/golang", "https://mirror.example/golang/index.json", "https://mirror.example/golang/go1.26.11.linux-amd64.tar.gz")]
    [DataRow("https://mirror.example/golang/", "https://mirror.example/golang/index.json", "https://mirror.example/golang/go1.26.11.linux-amd64.tar.gz")]
    [DataRow("https://mirror.example/dl/releases.json", "https://mirror.example/dl/releases.json", "https://mirror.example/dl/go1.26.11.linux-amd64.tar.gz")]
    [DataRow("https://mirror.example/dl/?mode=json", "https://mirror.example/dl/?mode=json", "https://mirror.example/dl/go1.26.11.linux-amd64.tar.gz")]
    public void Url_NamesIndexAndArchives(string value, string index, string archive)
    {
        ToolchainMirror mirror = ToolchainMirror.Parse(value, ".", allowHttp: false);

        Assert.AreEqual(index, mirror.IndexLocation);
        Assert.AreEqual(archive, mirror.ArchiveLocation("go1.26.11.linux-amd64.tar.gz"));
    }

    [TestMethod]
    public void HttpUrl_WithoutAllowHttp_FailsWithGOB1011()
    {
        TestArchives.AssertFails("GOB1011", () => ToolchainMirror.Parse("http://127.0.0.1:1/", ".", allowHttp: false));
        Assert.IsFalse(ToolchainMirror.Parse("http://127.0.0.1:1/", ".", allowHttp: true).IsLocal);
    }

    [TestMethod]
    public void Folder_RelativeToProject_OrFileUrl_IsLocal()
    {
        string dir = RepoPaths.NewTempDirectory("mirror");
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(dir, "m"));

        ToolchainMirror relative = ToolchainMirror.Parse("m", dir, allowHttp: false);
        ToolchainMirror fileUrl = ToolchainMirror.Parse(new System.Uri(System.IO.Path.Combine(dir, "m")).AbsoluteUri, ".", allowHttp: false);

        Assert.IsTrue(relative.IsLocal);
        Assert.AreEqual(System.IO.Path.Combine(dir, "m", "index.json"), relative.IndexLocation);
        Assert.AreEqual(relative.IndexLocation, fileUrl.IndexLocation);
    }

    [TestMethod]
    [DataRow("ftp://mirror.example/go/")]
    [DataRow("no-such-folder")]
    public void Other_FailsWithGOB1020(string value)
    {
        TestArchives.AssertFails("GOB1020", () => ToolchainMirror.Parse(value, RepoPaths.NewTempDirectory("mirror"), allowHttp: true));
    }
}
