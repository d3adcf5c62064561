using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

/// <summary>
/// The decision task (CrossCompile: selects targets, writes records) and the build task (GoBuild:
/// checks the recorded targets against the toolchain's platforms, builds them).
/// </summary>
[TestClass]
public sealed class CrossCompileTaskTests
{
    private static string NewProject()
    {
        string project = RepoPaths.NewTempDirectory("crosscompile-task");
        File.WriteAllText(Path.Combine(project, "go.mod"), "module example.com/app\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(project, "main.go"), "package main\n\nfunc main() {}\n");
        return project;
    }

    private static CrossCompile Decision(string project, RecordingBuildEngine engine, params ITaskItem[] platforms) => new()
    {
        BuildEngine = engine,
        ProjectDirectory = project,
        IntermediateDirectory = Path.Combine(project, "obj", "gobuild"),
        OutDir = "bin/",
        HostGoOS = "linux",
        HostGoArch = "amd64",
        OutputName = "app",
        TargetPlatformItems = platforms,
        BuildCacheDir = Path.Combine(project, "gocache"),
        ModuleCacheDir = Path.Combine(project, "gomodcache"),
    };

    private static GoBuild Build(string project, RecordingBuildEngine engine) => new()
    {
        BuildEngine = engine,
        ToolchainRoot = RepoPaths.GoRoot("1.26.11"),
        ProjectDirectory = project,
        HostGoOS = "linux",
        HostGoArch = "amd64",
        PlatformCacheDir = Path.Combine(project, "platforms"),
    };

    private static ITaskItem[] RecordedTargets(string project) =>
        RecordFile.ReadLines(Path.Combine(project, "obj", "gobuild", "targets"))
            .Select(RecordFile.Fields)
            .Select(f => (ITaskItem)new TaskItem(f[0], new Dictionary<string, string> { ["Record"] = f[10] }))
            .ToArray();

    private static TaskItem Platform(string name, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(name);
        foreach ((string key, string value) in metadata)
        {
            item.SetMetadata(key, value);
        }

        return item;
    }

    [TestMethod]
    public void Decide_WithTwoPlatforms_RecordsATargetEach_NamedByRid_AndEveryOutput()
    {
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        CrossCompile task = Decision(project, engine, Platform("linux/amd64"), Platform("linux/arm", ("GOARM", "6")));
        task.Tags = "integration;fast";

        Assert.IsTrue(task.Execute(), engine.ToString());

        string records = Path.Combine(project, "obj", "gobuild");
        string[][] rows = RecordFile.ReadLines(Path.Combine(records, "targets")).Select(RecordFile.Fields).ToArray();
        CollectionAssert.AreEqual(new[] { "linux-x64", "linux-arm" }, rows.Select(r => r[1]).ToArray());
        Assert.AreEqual(Path.Combine(project, "bin", "linux-arm", "app"), rows[1][5]);
        Assert.AreEqual(Path.Combine("linux-arm", "app"), rows[1][6]);
        (GoTargetPlatform target, GoBuildOptions options) = TargetRecord.Read(Path.Combine(records, "linux-arm.target"));
        Assert.AreEqual("6", target.GoArm);
        Assert.AreEqual("false", target.CgoEnabled);
        CollectionAssert.AreEqual(new[] { "integration", "fast" }, options.Tags.ToArray());
        Assert.HasCount(2, RecordFile.ReadLines(Path.Combine(records, "outputs")));
    }

    [TestMethod]
    public void Decide_Again_LeavesUnchangedRecordsUntouched()
    {
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        Assert.IsTrue(Decision(project, engine).Execute(), engine.ToString());
        string targets = Path.Combine(project, "obj", "gobuild", "targets");
        var written = new System.DateTime(2001, 1, 1, 0, 0, 0, System.DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(targets, written);

        Assert.IsTrue(Decision(project, engine).Execute(), engine.ToString());

        Assert.AreEqual(written, File.GetLastWriteTimeUtc(targets));
    }

    [TestMethod]
    public void Decide_WithUnknownRid_FailsWithGOB4001_AndWritesNoRecord()
    {
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        CrossCompile task = Decision(project, engine);
        task.RuntimeIdentifier = "linux-nope";

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB4001", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "linux-x64, linux-musl-x64, linux-arm64");
        Assert.IsFalse(File.Exists(Path.Combine(project, "obj", "gobuild", "targets")));
    }

    [TestMethod]
    public void Build_WithInvalidTarget_LogsCodedErrorNamingTheTarget_AndBuildsNoTarget()
    {
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        Assert.IsTrue(Decision(project, engine, Platform("linux/amd64"), Platform("linux/arm", ("GOARM", "9"))).Execute(), engine.ToString());
        GoBuild task = Build(project, engine);
        task.Targets = RecordedTargets(project);

        bool result = task.Execute();

        Assert.IsFalse(result);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB4003", error.Code, engine.ToString());
        Assert.AreEqual("GOARM '9' is not valid. Use one of: 5, 6, 7 (each optionally followed by ,softfloat or ,hardfloat). [linux/arm]", error.Message);
        Assert.IsFalse(File.Exists(Path.Combine(project, "bin", "linux-x64", "app")), "no target may build while one is invalid");
        Assert.IsEmpty(task.BuiltTargets);
        Assert.IsTrue(File.Exists(Path.Combine(project, "platforms", "go1.26.11.json")), "the platform list is cached");
    }

    [TestMethod]
    public void Build_WithCgoCrossTargetWithoutCompiler_FailsWithGOB4006BeforeGoRuns()
    {
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        Assert.IsTrue(Decision(project, engine, Platform("linux/arm64", ("GoCgoEnabled", "true"))).Execute(), engine.ToString());
        GoBuild task = Build(project, engine);
        task.Targets = RecordedTargets(project);

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB4006", error.Code, engine.ToString());
        StringAssert.EndsWith(error.Message, "[linux/arm64]");
        Assert.IsFalse(engine.Messages.Any(m => m.Message.Contains(" build -o ")), "go build must not start");
    }

    [TestMethod]
    public void Build_WhenATargetFailsUnexpectedlyOnItsParallelThread_LogsGOB2030NamingTheTarget_InsteadOfThrowing()
    {
        // A NUL in the output path makes Path.GetFullPath throw ArgumentException inside the
        // Parallel.For body: no check expects it, which is the point.
        string project = NewProject();
        var engine = new RecordingBuildEngine();
        Assert.IsTrue(Decision(project, engine, Platform("linux/amd64")).Execute(), engine.ToString());
        string record = Path.Combine(project, "obj", "gobuild", "linux-x64.target");
        File.WriteAllLines(record, File.ReadAllLines(record).Select(l => l.StartsWith("output ", System.StringComparison.Ordinal) ? "output " + Path.Combine(project, "bin", "a\0b") : l));
        GoBuild task = Build(project, engine);
        task.Targets = RecordedTargets(project);

        bool result = task.Execute();

        Assert.IsFalse(result);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2030", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "System.ArgumentException", error.Message);
        StringAssert.EndsWith(error.Message, "[linux/amd64]");
        Assert.IsEmpty(task.BuiltTargets);
    }
}
