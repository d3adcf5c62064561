using System.IO;
using System.Linq;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

[TestClass]
public sealed class CrossCompileTaskTests
{
    private static (CrossCompile Task, RecordingBuildEngine Engine, string Project) CreateTask(params ITaskItem[] targets)
    {
        string project = RepoPaths.NewTempDirectory("crosscompile-task");
        File.WriteAllText(Path.Combine(project, "go.mod"), "module example.com/app\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(project, "main.go"), "package main\n\nfunc main() {}\n");
        var engine = new RecordingBuildEngine();
        var task = new CrossCompile
        {
            BuildEngine = engine,
            ToolchainRoot = RepoPaths.GoRoot("1.26.11"),
            ProjectDirectory = project,
            Targets = targets,
            RuntimeIdentifierTable = PlatformData.TableEntries().Select(e => (ITaskItem)new TaskItem(e.RuntimeIdentifier, new System.Collections.Generic.Dictionary<string, string>
            {
                ["GoOS"] = e.GoOS,
                ["GoArch"] = e.GoArch,
                ["GOARM"] = e.GoArm,
                ["Primary"] = e.Primary ? "true" : "false",
            })).ToArray(),
            HostGoOS = "linux",
            HostGoArch = "amd64",
            PlatformCacheDir = Path.Combine(project, "platforms"),
            BuildCacheDir = Path.Combine(project, "gocache"),
            ModuleCacheDir = Path.Combine(project, "gomodcache"),
        };
        return (task, engine, project);
    }

    private static TaskItem Target(string project, string goOS, string goArch, string rid, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Path.Combine(project, rid + ".stamp"));
        item.SetMetadata("GoOS", goOS);
        item.SetMetadata("GoArch", goArch);
        item.SetMetadata("RuntimeIdentifier", rid);
        item.SetMetadata("OutputPath", Path.Combine(project, "bin", rid, "app"));
        item.SetMetadata("InputsFile", Path.Combine(project, rid + ".inputs"));
        foreach ((string name, string value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }

    [TestMethod]
    public void Execute_WithInvalidTarget_LogsCodedErrorNamingTheTarget_AndBuildsNoTarget()
    {
        string project = RepoPaths.NewTempDirectory("crosscompile-targets");
        (CrossCompile task, RecordingBuildEngine engine, string dir) = CreateTask(
            Target(project, "linux", "amd64", "linux-x64"),
            Target(project, "linux", "arm", "linux-arm", ("GOARM", "9")));

        bool result = task.Execute();

        Assert.IsFalse(result);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB4003", error.Code, engine.ToString());
        Assert.AreEqual("GOARM '9' is not valid. Use one of: 5, 6, 7 (each optionally followed by ,softfloat or ,hardfloat). [linux/arm]", error.Message);
        Assert.IsFalse(File.Exists(Path.Combine(project, "bin", "linux-x64", "app")), "no target may build while one is invalid");
        Assert.IsEmpty(task.BuiltTargets);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "platforms", "go1.26.11.json")), "the platform list is cached");
    }

    [TestMethod]
    public void Execute_WithCgoCrossTargetWithoutCompiler_FailsWithGOB4006BeforeGoRuns()
    {
        string project = RepoPaths.NewTempDirectory("crosscompile-targets");
        (CrossCompile task, RecordingBuildEngine engine, _) = CreateTask(Target(project, "linux", "arm64", "linux-arm64", ("GoCgoEnabled", "true")));

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB4006", error.Code, engine.ToString());
        StringAssert.EndsWith(error.Message, "[linux/arm64]");
        Assert.IsFalse(engine.Messages.Any(m => m.Message.Contains(" build -o ")), "go build must not start");
    }

    [TestMethod]
    public void Execute_WhenATargetFailsUnexpectedlyOnItsParallelThread_LogsGOB2030NamingTheTarget_InsteadOfThrowing()
    {
        // A NUL in the output path makes Path.GetFullPath throw ArgumentException inside the
        // Parallel.For body: no check expects it, which is the point.
        string project = RepoPaths.NewTempDirectory("crosscompile-targets");
        TaskItem broken = Target(project, "linux", "amd64", "linux-x64");
        broken.SetMetadata("OutputPath", Path.Combine(project, "bin", "a\0b"));
        (CrossCompile task, RecordingBuildEngine engine, _) = CreateTask(broken);

        bool result = task.Execute();

        Assert.IsFalse(result);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2030", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "System.ArgumentException", error.Message);
        StringAssert.EndsWith(error.Message, "[linux/amd64]");
        Assert.IsEmpty(task.BuiltTargets);
    }
}
