using System.IO;
using System.Text;
using GoBuild.Tasks.Toolchain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>The index in the official JSON shape.</summary>
[TestClass]
public sealed class ToolchainIndexTests
{
    [TestMethod]
    public void Parse_TheMirrorIndex_FindsTheHostArchiveWithHashAndSize()
    {
        string path = Path.Combine(RepoPaths.GoMirror, "index.json");
        Assert.IsTrue(File.Exists(path), "Run eng/get-go.sh: " + path);

        ToolchainIndex index = ToolchainIndex.Parse(File.ReadAllBytes(path), path);
        ToolchainArchive archive = index.Find("go1.26.11")!.ArchiveFor(new HostPlatform("linux", "amd64"))!;

        Assert.AreEqual("go1.26.11.linux-amd64.tar.gz", archive.FileName);
        Assert.AreEqual(64, archive.Sha256.Length);
        Assert.AreEqual(new FileInfo(Path.Combine(RepoPaths.GoMirror, archive.FileName)).Length, archive.Size);
    }

    [TestMethod]
    public void ArchiveFor_PrefersZipOnWindows_AndArmv6lFor32BitArm()
    {
        byte[] json = Encoding.UTF8.GetBytes("""
            [{"version":"go1.26.11","stable":true,"files":[
              {"filename":"go1.26.11.windows-amd64.msi","os":"windows","arch":"amd64","sha256":"aa","size":1,"kind":"installer"},
              {"filename":"go1.26.11.windows-amd64.zip","os":"windows","arch":"amd64","sha256":"bb","size":2,"kind":"archive"},
              {"filename":"go1.26.11.linux-armv6l.tar.gz","os":"linux","arch":"armv6l","sha256":"cc","size":3,"kind":"archive"}]},
             {"version":"weekly.2012-03-27","stable":false,"files":[]}]
            """);

        ToolchainIndex index = ToolchainIndex.Parse(json, "test");

        Assert.AreEqual(1, index.Releases.Count);
        Assert.AreEqual("go1.26.11.windows-amd64.zip", index.Find("go1.26.11")!.ArchiveFor(new HostPlatform("windows", "amd64"))!.FileName);
        Assert.AreEqual("go1.26.11.linux-armv6l.tar.gz", index.Find("go1.26.11")!.ArchiveFor(new HostPlatform("linux", "arm"))!.FileName);
        Assert.IsNull(index.Find("go1.26.11")!.ArchiveFor(new HostPlatform("darwin", "arm64")));
    }

    [TestMethod]
    [DataRow("<html>not json</html>")]
    [DataRow("{\"version\":\"go1.26.11\"}")]
    public void Parse_NotTheOfficialShape_FailsWithGOB1018(string text)
    {
        TestArchives.AssertFails("GOB1018", () => ToolchainIndex.Parse(Encoding.UTF8.GetBytes(text), "https://mirror.example/index.json"));
    }
}
