using System.IO;
using GoBuild.Tasks.Go;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoModuleTests
{
    private static string s_root = string.Empty;

    [ClassInitialize]
    public static void CreateModuleTree(TestContext context)
    {
        // root/mod/go.mod, root/mod/cmd/tool, root/mod/nested/go.mod, root/outside (no go.mod above it)
        s_root = RepoPaths.NewTempDirectory("go-module");
        Directory.CreateDirectory(Path.Combine(s_root, "mod", "cmd", "tool"));
        Directory.CreateDirectory(Path.Combine(s_root, "mod", "nested", "inner"));
        Directory.CreateDirectory(Path.Combine(s_root, "outside"));
        File.WriteAllText(Path.Combine(s_root, "mod", "go.mod"), "module example.com/mod\n");
        File.WriteAllText(Path.Combine(s_root, "mod", "nested", "go.mod"), "module example.com/nested\n");
    }

    [TestMethod]
    public void FindRoot_InModuleRoot_IsThatFolder()
    {
        Assert.AreEqual(Path.Combine(s_root, "mod"), GoModule.FindRoot(Path.Combine(s_root, "mod")));
    }

    [TestMethod]
    public void FindRoot_InSubfolder_WalksUpToNearestGoMod()
    {
        Assert.AreEqual(Path.Combine(s_root, "mod"), GoModule.FindRoot(Path.Combine(s_root, "mod", "cmd", "tool")));
    }

    [TestMethod]
    public void FindRoot_InNestedModule_StopsAtTheInnerGoMod()
    {
        Assert.AreEqual(Path.Combine(s_root, "mod", "nested"), GoModule.FindRoot(Path.Combine(s_root, "mod", "nested", "inner")));
    }

    [TestMethod]
    public void FindRoot_WithRelativePathOrTrailingSeparator_GivesFullPath()
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(s_root, "mod", "cmd")) + Path.DirectorySeparatorChar;

        Assert.AreEqual(Path.Combine(s_root, "mod"), GoModule.FindRoot(relative));
    }

    [TestMethod]
    public void FindRoot_WithNoGoModAbove_IsNull()
    {
        Assert.IsNull(GoModule.FindRoot(Path.Combine(s_root, "outside")));
    }

    [TestMethod]
    public void FindRoot_WithFolderNamedGoMod_IgnoresIt()
    {
        string dir = Path.Combine(s_root, "outside", "trap");
        Directory.CreateDirectory(Path.Combine(dir, "go.mod"));

        Assert.IsNull(GoModule.FindRoot(dir));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("  ")]
    [DataRow(".")]
    public void NormalizePackage_WithNothingOrDot_IsCurrentFolder(string? package)
    {
        Assert.AreEqual(".", GoModule.NormalizePackage(Path.Combine(s_root, "mod"), package));
    }

    [TestMethod]
    [DataRow("./cmd/tool")]
    [DataRow("../other")]
    [DataRow("./...")]
    public void NormalizePackage_WithDotSlashPath_LeavesItAlone(string package)
    {
        Assert.AreEqual(package, GoModule.NormalizePackage(Path.Combine(s_root, "mod"), package));
    }

    [TestMethod]
    [DataRow(@".\cmd\tool", "./cmd/tool")]
    [DataRow(@"..\other\x", "../other/x")]
    public void NormalizePackage_WithDotBackslashPath_UsesForwardSlashes(string package, string expected)
    {
        Assert.AreEqual(expected, GoModule.NormalizePackage(Path.Combine(s_root, "mod"), package));
    }

    [TestMethod]
    [DataRow("cmd/tool")]
    [DataRow("cmd/tool/")]
    [DataRow(" cmd/tool ")]
    [DataRow(@"cmd\tool")]
    [DataRow(@"cmd\tool\")]
    public void NormalizePackage_WithExistingFolder_PrefixesDotSlashSoGoDoesNotReadItAsStandardLibrary(string package)
    {
        Assert.AreEqual("./cmd/tool", GoModule.NormalizePackage(Path.Combine(s_root, "mod"), package));
    }

    [TestMethod]
    [DataRow("fmt")]
    [DataRow("example.com/mod/cmd/tool")]
    [DataRow("cmd/missing")]
    public void NormalizePackage_WithImportPath_LeavesItAlone(string package)
    {
        Assert.AreEqual(package, GoModule.NormalizePackage(Path.Combine(s_root, "mod"), package));
    }

    [TestMethod]
    public void NormalizePackage_WithAbsoluteFolder_LeavesItAlone()
    {
        string folder = Path.Combine(s_root, "mod", "cmd", "tool");

        Assert.AreEqual(folder, GoModule.NormalizePackage(Path.Combine(s_root, "mod"), folder));
    }
}
