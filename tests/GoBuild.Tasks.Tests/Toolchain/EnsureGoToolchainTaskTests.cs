using System.IO;
using System.Threading.Tasks;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>The EnsureGoToolchain task as MSBuild runs it: inputs, outputs and coded errors.</summary>
[TestClass]
public sealed class EnsureGoToolchainTaskTests
{
    [TestMethod]
    public void Execute_ExactPinFromLocalFolder_OutputsRootWithTrailingSlashAndVersion()
    {
        (EnsureGoToolchain task, RecordingBuildEngine engine, string cache) = Create("1.99.1");

        Assert.IsTrue(task.Execute(), engine.ToString());

        Assert.AreEqual(Path.Combine(cache, "go1.99.1.linux-amd64") + Path.DirectorySeparatorChar, task.ResolvedRoot);
        Assert.AreEqual("go1.99.1", task.ResolvedVersion);
        Assert.IsTrue(engine.HasMessage(Microsoft.Build.Framework.MessageImportance.High, "Installing go1.99.1"), engine.ToString());
    }

    [TestMethod]
    [DataRow("latest", null, "GOB1004")]
    [DataRow("1.99.1", "maybe", "GOB2004")]
    public void Execute_WithInvalidInput_LogsCodedError(string version, string? offline, string code)
    {
        (EnsureGoToolchain task, RecordingBuildEngine engine, _) = Create(version);
        task.Offline = offline;

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(code, engine.SingleError().Code, engine.ToString());
    }

    [TestMethod]
    public void Execute_WithToolchainRoot_OnlyChecksItsVersion_GOB1003WhenItDoesNotSatisfyThePin()
    {
        (EnsureGoToolchain task, RecordingBuildEngine engine, _) = Create("1.22.*");
        task.ToolchainRoot = RepoPaths.GoRoot("1.26.11");

        Assert.IsFalse(task.Execute());
        Assert.AreEqual("GOB1003", engine.SingleError().Code, engine.ToString());

        (task, engine, _) = Create("[1.26,1.27)");
        task.ToolchainRoot = RepoPaths.GoRoot("1.26.11");
        Assert.IsTrue(task.Execute(), engine.ToString());
        Assert.AreEqual("go1.26.11", task.ResolvedVersion);
    }

    [TestMethod]
    public void Execute_CancelledMidDownload_LogsGOB1023_AndLeavesNothingInTheCache()
    {
        using LoopbackMirror mirror = LoopbackMirror.Start(null);
        byte[] archive = TestArchives.FakeToolchainTarGz("go1.99.1");
        mirror.AddFile("go1.99.1.linux-amd64.tar.gz", archive);
        mirror.AddFile("index.json", TestArchives.Index(("go1.99.1", "go1.99.1.linux-amd64.tar.gz", archive, true)));
        mirror.Fail("go1.99.1.linux-amd64.tar.gz", MirrorFault.StallHalfway);
        (EnsureGoToolchain task, RecordingBuildEngine engine, string cache) = Create("1.99.1");
        task.Mirror = mirror.BaseUri.AbsoluteUri;
        task.AllowHttp = "true";

        Task<bool> run = Task.Run(task.Execute);
        Assert.IsTrue(mirror.Stalled.Wait(System.TimeSpan.FromSeconds(30)), engine.ToString());
        task.Cancel();

        Assert.IsFalse(run.GetAwaiter().GetResult());
        Assert.AreEqual("GOB1023", engine.SingleError().Code, engine.ToString());
        Assert.IsFalse(Directory.Exists(Path.Combine(cache, "go1.99.1.linux-amd64")));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(Path.Combine(cache, ".staging")).Length);
    }

    private static (EnsureGoToolchain Task, RecordingBuildEngine Engine, string Cache) Create(string version)
    {
        string root = RepoPaths.NewTempDirectory("ensure-task");
        string mirror = Path.Combine(root, "mirror");
        Directory.CreateDirectory(mirror);
        byte[] archive = TestArchives.FakeToolchainTarGz("go1.99.1");
        File.WriteAllBytes(Path.Combine(mirror, "go1.99.1.linux-amd64.tar.gz"), archive);
        File.WriteAllBytes(Path.Combine(mirror, "index.json"), TestArchives.Index(("go1.99.1", "go1.99.1.linux-amd64.tar.gz", archive, true)));
        var engine = new RecordingBuildEngine();
        string cache = Path.Combine(root, "cache");
        var task = new EnsureGoToolchain
        {
            BuildEngine = engine,
            ProjectDirectory = root,
            Version = version,
            Mirror = mirror,
            CacheDir = cache,
            HostOS = "linux",
            HostArch = "amd64",
        };
        return (task, engine, cache);
    }
}
