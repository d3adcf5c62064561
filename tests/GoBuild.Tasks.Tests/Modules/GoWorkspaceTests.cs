using System;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class GoWorkspaceTests
{
    private string _root = string.Empty;

    [TestInitialize]
    public void CreateTree()
    {
        // repo/go.work uses ./libs and ./services; repo/tools is a module outside it.
        _root = Path.Combine(Path.GetTempPath(), "gobuild-workspace-" + Guid.NewGuid().ToString("N"));
        Write("go.work", "go 1.22\n\nuse (\n\t./libs\n\t./services\n)\n");
        Write("libs/go.mod", "module example.com/libs\n\ngo 1.22\n");
        Write("services/go.mod", "module example.com/services\n\ngo 1.22\n");
        Write("tools/go.mod", "module example.com/tools\n\ngo 1.22\n");
    }

    [TestCleanup]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void Decide_Auto_TakesTheNearestGoWorkAboveTheModuleRoot_AndRecordsWhatItRead()
    {
        var inputs = new DecisionInputs();
        GoWorkspace workspace = GoWorkspace.Decide("auto", Path.Combine(_root, "services", "cmd"), Path.Combine(_root, "services"), inputs);

        Assert.IsTrue(workspace.IsWorkspace);
        Assert.AreEqual(Path.Combine(_root, "go.work"), workspace.GoWorkValue);
        Assert.AreEqual(_root, workspace.Root);
        CollectionAssert.AreEqual(new[] { Path.Combine(_root, "libs"), Path.Combine(_root, "services") }, workspace.ModuleRoots.ToArray());
        CollectionAssert.Contains(inputs.Read, Path.Combine(_root, "go.work"));
        CollectionAssert.Contains(inputs.Read, Path.Combine(_root, "libs", "go.mod"));
        // A go.work created in the module root later would win: it is looked for.
        CollectionAssert.Contains(inputs.Absent, Path.Combine(_root, "services", "go.work"));
        Assert.AreEqual("workspace|" + Path.Combine(_root, "go.work") + "|" + _root, workspace.ToRecordRow());
    }

    [TestMethod]
    public void Decide_Off_IsModuleMode_EvenWithAGoWorkAbove()
    {
        GoWorkspace workspace = GoWorkspace.Decide("off", _root, Path.Combine(_root, "services"), new DecisionInputs());

        Assert.IsFalse(workspace.IsWorkspace);
        Assert.AreEqual("off", workspace.GoWorkValue);
        Assert.AreEqual(Path.Combine(_root, "services"), workspace.Root);
        Assert.IsNull(workspace.WorkSumFile);
    }

    [TestMethod]
    public void Decide_AutoWithoutGoWork_IsModuleMode()
    {
        File.Delete(Path.Combine(_root, "go.work"));
        var inputs = new DecisionInputs();

        GoWorkspace workspace = GoWorkspace.Decide(string.Empty, _root, Path.Combine(_root, "libs"), inputs);

        Assert.IsFalse(workspace.IsWorkspace);
        CollectionAssert.Contains(inputs.Absent, Path.Combine(_root, "go.work"));
    }

    [TestMethod]
    public void Decide_WithPath_UsesThatFileRelativeToTheProject()
    {
        Write("other/ci.work", "go 1.22\nuse ../tools\n");

        GoWorkspace workspace = GoWorkspace.Decide("../other/ci.work", Path.Combine(_root, "tools"), Path.Combine(_root, "tools"), new DecisionInputs());

        Assert.AreEqual(Path.Combine(_root, "other", "ci.work"), workspace.WorkFile);
        Assert.AreEqual(Path.Combine(_root, "other", "go.work.sum"), workspace.WorkSumFile);
    }

    [TestMethod]
    public void Decide_WithMissingPath_FailsWithGOB3020NamingTheValue()
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoWorkspace.Decide("nope/go.work", _root, Path.Combine(_root, "libs"), new DecisionInputs()));

        string message = error.Message;
        StringAssert.StartsWith(message, "GOB3020: GoWorkspace is 'nope/go.work'");
    }

    [TestMethod]
    public void Decide_ModuleNotInUse_FailsWithGOB3022SayingWhichGoWorkUseToRun()
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoWorkspace.Decide("auto", _root, Path.Combine(_root, "tools"), new DecisionInputs()));

        string message = error.Message;
        StringAssert.StartsWith(message, "GOB3022:");
        StringAssert.Contains(message, "'go work use ./tools'");
    }

    [TestMethod]
    [DataRow("go 1.22\nuse (\n\t./libs\n", "line 2: the use ( block is never closed")]
    [DataRow("go 1.22\nmodule example.com/x\nuse ./libs\n", "line 2: unknown directive: module")]
    [DataRow("go 1.22\nuse\n", "line 2: usage: use <folder>")]
    public void Decide_MalformedGoWork_FailsWithGOB3021NamingTheLine(string text, string problem)
    {
        Write("go.work", text);

        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoWorkspace.Decide("auto", _root, Path.Combine(_root, "libs"), new DecisionInputs()));

        string message = error.Message;
        StringAssert.StartsWith(message, "GOB3021:");
        StringAssert.Contains(message, problem);
    }

    [TestMethod]
    public void Decide_UseFolderWithoutGoMod_FailsWithGOB3024()
    {
        Write("go.work", "go 1.22\nuse ./libs\nuse ./gone\n");

        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoWorkspace.Decide("auto", _root, Path.Combine(_root, "libs"), new DecisionInputs()));

        StringAssert.StartsWith(error.Message, "GOB3024:");
    }

    [TestMethod]
    public void RequireToolchain_OlderThanTheGoLine_FailsWithGOB3023()
    {
        Write("go.work", "go 1.27\nuse ./libs\n");
        GoWorkspace workspace = GoWorkspace.Decide("auto", _root, Path.Combine(_root, "libs"), new DecisionInputs());

        workspace.RequireToolchain(GoVersion.TryParse("1.27.0")!);
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => workspace.RequireToolchain(GoVersion.TryParse("1.26.11")!));

        string message = error.Message;
        StringAssert.StartsWith(message, "GOB3023:");
        StringAssert.Contains(message, "go1.26.11");
    }

    [TestMethod]
    public void VendorManifest_OfAGoWorkVendorLayout_IsNextToGoWork()
    {
        Write("vendor/modules.txt", "# example.com/dep v1.0.0\n");

        GoWorkspace workspace = GoWorkspace.Decide("auto", _root, Path.Combine(_root, "libs"), new DecisionInputs());

        Assert.AreEqual(Path.Combine(_root, "vendor", "modules.txt"), workspace.VendorManifest);
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
