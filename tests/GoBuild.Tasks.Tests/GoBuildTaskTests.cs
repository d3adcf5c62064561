using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Toolchain;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests;

/// <summary>
/// The build decision (CrossCompile) followed by the GoBuild task on its records (and what GoBuild
/// inherits from GoTaskBase), against a recording build engine and a real Go toolchain. The build
/// cache is shared by the class so only the first build is cold.
/// </summary>
[TestClass]
public sealed class GoBuildTaskTests
{
    private const string GoVersion = "1.26.11";

    private static string s_goRoot = string.Empty;
    private static string s_buildCache = string.Empty;
    private static string s_moduleCache = string.Empty;
    private static string s_caches = string.Empty;

    [ClassInitialize]
    public static void CreateSharedCaches(TestContext context)
    {
        s_goRoot = RepoPaths.GoRoot(GoVersion);
        s_caches = RepoPaths.NewTempDirectory("gobuild-task-caches");
        s_buildCache = Path.Combine(s_caches, "go-build");
        s_moduleCache = Path.Combine(s_caches, "mod");
    }

    // The build cache holds ~30 MB of compiled std per run; the small test modules stay for debugging.
    [ClassCleanup]
    public static void DeleteSharedCaches()
    {
        if (s_caches.Length > 0 && Directory.Exists(s_caches))
        {
            Directory.Delete(s_caches, recursive: true);
        }
    }

    [TestMethod]
    public void Execute_CommandInCmdFolder_BuildsItWithLinkerVariableAndRecordsEveryPackageFolderAndEmbeddedTree()
    {
        string module = CreateModuleWithLibrary(nameof(Execute_CommandInCmdFolder_BuildsItWithLinkerVariableAndRecordsEveryPackageFolderAndEmbeddedTree));
        string project = Path.Combine(module, "cmd", "tool");
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(project, engine);
        string inputsFile = task.InputsFile;
        task.Decision.LinkerVariables = new ITaskItem[] { new TaskItem("main.version", new Dictionary<string, string> { ["Value"] = "1.0 \"beta\"" }) };

        bool success = task.Execute();

        Assert.IsTrue(success, engine.ToString());
        Assert.AreEqual(0, engine.Errors.Count, engine.ToString());
        // The logged command line quotes the argument so it can be pasted into a shell.
        Assert.IsTrue(engine.HasMessage(MessageImportance.Normal, "\"-ldflags=-X 'main.version=1.0 \\\"beta\\\"'\""), engine.ToString());
        Assert.AreEqual("1.0 \"beta\"|hello from lib", RunProgram(task.OutputPath));
        Assert.AreEqual(
            Path.Combine(module, "cmd", "tool") + "/*;\n" + Path.Combine(module, "lib") + "/*;\n" + Path.Combine(module, "lib", "static") + "/**;\n",
            File.ReadAllText(inputsFile));
    }

    [TestMethod]
    public void Execute_Again_LeavesTheUnchangedInputsRecordUntouched()
    {
        string module = CreateHelloModule(nameof(Execute_Again_LeavesTheUnchangedInputsRecordUntouched));
        var engine = new RecordingBuildEngine();
        BuildRun first = NewTask(module, engine);
        string inputsFile = first.InputsFile;
        Assert.IsTrue(first.Execute(), engine.ToString());
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(inputsFile, written);

        BuildRun second = NewTask(module, engine);
        Assert.IsTrue(second.Execute(), engine.ToString());

        Assert.AreEqual(written, File.GetLastWriteTimeUtc(inputsFile));
        Assert.AreEqual(module + "/*;\n", File.ReadAllText(inputsFile));
    }

    [TestMethod]
    public void Execute_WithHostileDeveloperShell_BuildsForTheHostWithThePinnedToolchain()
    {
        string module = CreateHelloModule(nameof(Execute_WithHostileDeveloperShell_BuildsForTheHostWithThePinnedToolchain));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        var hostile = new Dictionary<string, string>
        {
            ["GOROOT"] = "/nonexistent",
            ["GOFLAGS"] = "-mod=mod",
            ["GOOS"] = "windows",
            ["GOARCH"] = "arm64",
            ["GOTOOLCHAIN"] = "go1.99.0",
            ["GOPROXY"] = "http://127.0.0.1:9",
            ["CGO_ENABLED"] = "1",
            ["CC"] = "/nonexistent/cc",
            ["GOENV"] = "/nonexistent/go.env",
            ["GOWORK"] = "/nonexistent/go.work",
            ["GOCACHE"] = "/nonexistent/cache",
        };
        var saved = hostile.Keys.ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k));

        bool success;
        try
        {
            // The task reads the process environment; this simulates a developer's shell.
            foreach (KeyValuePair<string, string> pair in hostile)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }

            success = task.Execute();
        }
        finally
        {
            foreach (KeyValuePair<string, string?> pair in saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }

        Assert.IsTrue(success, engine.ToString());
        Assert.AreEqual("hello", RunProgram(task.OutputPath));
    }

    [TestMethod]
    public void Execute_WithCompileErrorInProjectFolder_LogsGOB2001AtAbsoluteFileLineAndColumn()
    {
        string module = CreateHelloModule(nameof(Execute_WithCompileErrorInProjectFolder_LogsGOB2001AtAbsoluteFileLineAndColumn));
        File.WriteAllText(Path.Combine(module, "main.go"), "package main\n\nimport \"os\"\n\nfunc main() {\n\ty := 1\n\tos.Exit(0)\n}\n");
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);

        bool success = task.Execute();

        Assert.IsFalse(success);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2001", error.Code);
        Assert.AreEqual(Path.Combine(module, "main.go"), error.File);
        Assert.AreEqual(6, error.Line);
        Assert.AreEqual(2, error.Column);
        Assert.AreEqual("declared and not used: y", error.Message);
        Assert.IsFalse(File.Exists(task.OutputPath));
    }

    [TestMethod]
    public void Execute_WithCompileErrorInImportedPackage_LogsGOB2001AtThatPackagesFile_AndKeepsTheLastGoodInputsRecord()
    {
        string module = CreateModuleWithLibrary(nameof(Execute_WithCompileErrorInImportedPackage_LogsGOB2001AtThatPackagesFile_AndKeepsTheLastGoodInputsRecord));
        File.WriteAllText(Path.Combine(module, "lib", "lib.go"), "package lib\n\nfunc Message() string { return x }\n");
        string project = Path.Combine(module, "cmd", "tool");
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(project, engine);
        string inputsFile = task.InputsFile;
        Directory.CreateDirectory(Path.GetDirectoryName(inputsFile)!);
        File.WriteAllText(inputsFile, "last good record;\n");

        bool success = task.Execute();

        Assert.IsFalse(success);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2001", error.Code);
        Assert.AreEqual(Path.Combine(module, "lib", "lib.go"), error.File);
        Assert.AreEqual(3, error.Line);
        Assert.AreEqual(32, error.Column);
        Assert.AreEqual("undefined: x", error.Message);
        Assert.AreEqual("last good record;\n", File.ReadAllText(inputsFile));
    }

    [TestMethod]
    public void Execute_WhenGoFailsWithoutFileLine_LogsGOB2002WithTheTailOfItsOutput()
    {
        string module = CreateHelloModule(nameof(Execute_WhenGoFailsWithoutFileLine_LogsGOB2002WithTheTailOfItsOutput));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.Package = "example.com/nope";

        bool success = task.Execute();

        Assert.IsFalse(success);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2002", error.Code);
        StringAssert.Contains(error.Message, "'go build'");
        StringAssert.Contains(error.Message, "providing package example.com/nope: import lookup disabled by -mod=readonly");
        Assert.IsTrue(engine.HasMessage(MessageImportance.Normal, "cannot find module providing package example.com/nope"), engine.ToString());
    }

    [TestMethod]
    public void Execute_WithoutGoModAbove_FailsWithGOB2003()
    {
        string project = RepoPaths.NewTempDirectory(nameof(Execute_WithoutGoModAbove_FailsWithGOB2003));
        File.WriteAllText(Path.Combine(project, "main.go"), "package main\n\nfunc main() {}\n");
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(project, engine);

        bool success = task.Execute();

        Assert.IsFalse(success);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2003", error.Code);
        StringAssert.Contains(error.Message, project);
        StringAssert.Contains(error.Message, "go mod init");
    }

    [TestMethod]
    public void Execute_WithNonBooleanProperty_FailsWithGOB2004NamingTheProperty_AndRunsNoGo()
    {
        string module = CreateHelloModule(nameof(Execute_WithNonBooleanProperty_FailsWithGOB2004NamingTheProperty_AndRunsNoGo));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.Strip = "sometimes";

        bool success = task.Execute();

        Assert.IsFalse(success);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2004", error.Code);
        StringAssert.Contains(error.Message, "GoStrip");
        StringAssert.Contains(error.Message, "'sometimes'");
        Assert.IsFalse(engine.Messages.Any(m => m.Message.Contains(" build ", StringComparison.Ordinal)), engine.ToString());
    }

    [TestMethod]
    public void Execute_WithNonBooleanCgoEnabled_FailsWithGOB2004NamingGoCgoEnabled()
    {
        string module = CreateHelloModule(nameof(Execute_WithNonBooleanCgoEnabled_FailsWithGOB2004NamingGoCgoEnabled));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.CgoEnabled = "1";

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2004", error.Code);
        StringAssert.Contains(error.Message, "GoCgoEnabled");
    }

    [TestMethod]
    public void Execute_WithInvalidLinkerVariableName_FailsWithGOB2006()
    {
        string module = CreateHelloModule(nameof(Execute_WithInvalidLinkerVariableName_FailsWithGOB2006));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.LinkerVariables = new ITaskItem[] { new TaskItem("version", new Dictionary<string, string> { ["Value"] = "1" }) };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOB2006", engine.SingleError().Code);
    }

    [TestMethod]
    public void Execute_WithUnknownBuildMode_FailsWithGOB5001()
    {
        string module = CreateHelloModule(nameof(Execute_WithUnknownBuildMode_FailsWithGOB5001));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.BuildMode = "plugin";

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB5001", error.Code);
        StringAssert.Contains(error.Message, "exe, pie");
    }

    [TestMethod]
    public void Execute_WithToolchainRootThatIsNoGoroot_FailsWithGOB1001()
    {
        string module = CreateHelloModule(nameof(Execute_WithToolchainRootThatIsNoGoroot_FailsWithGOB1001));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Build.ToolchainRoot = Path.Combine(module, "no-go-here");

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB1001", error.Code);
        StringAssert.Contains(error.Message, task.Build.ToolchainRoot);
    }

    [TestMethod]
    [DataRow("GOROOT")]
    [DataRow("GOTOOLCHAIN")]
    [DataRow("goenv")]
    public void Execute_WithGoEnvironmentItemThatUnpinsTheToolchain_FailsWithGOB2008(string name)
    {
        string module = CreateHelloModule(nameof(Execute_WithGoEnvironmentItemThatUnpinsTheToolchain_FailsWithGOB2008));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.EnvironmentVariables = new ITaskItem[] { new TaskItem(name, new Dictionary<string, string> { ["Value"] = "x" }) };

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2008", error.Code);
        StringAssert.Contains(error.Message, name);
    }

    [TestMethod]
    public void Execute_WithGoEnvironmentItem_PassesItToGo()
    {
        // An unknown GOEXPERIMENT makes go fail before compiling: proof the item reached it.
        string module = CreateHelloModule(nameof(Execute_WithGoEnvironmentItem_PassesItToGo));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.EnvironmentVariables = new ITaskItem[] { new TaskItem("GOEXPERIMENT", new Dictionary<string, string> { ["Value"] = "bogusexperiment" }) };

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2002", error.Code);
        StringAssert.Contains(error.Message, "bogusexperiment");
    }

    [TestMethod]
    public void Execute_WithUnknownModMode_FailsWithGOB3001()
    {
        string module = CreateHelloModule(nameof(Execute_WithUnknownModMode_FailsWithGOB3001));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Decision.ModMode = "download";

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB3001", error.Code);
        StringAssert.Contains(error.Message, "'download'");
    }

    [TestMethod]
    public void Execute_AfterCancel_FailsWithGOB2010AndBuildsNothing()
    {
        string module = CreateHelloModule(nameof(Execute_AfterCancel_FailsWithGOB2010AndBuildsNothing));
        var engine = new RecordingBuildEngine();
        BuildRun task = NewTask(module, engine);
        task.Cancel();

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOB2010", engine.SingleError().Code);
        Assert.IsFalse(File.Exists(task.OutputPath));
    }

    private static BuildRun NewTask(string projectDirectory, RecordingBuildEngine engine) => new(projectDirectory, engine);

    /// <summary>What the targets do: the decision, then GoBuild on the targets it recorded.</summary>
    private sealed class BuildRun
    {
        private readonly string _records;

        public BuildRun(string projectDirectory, RecordingBuildEngine engine)
        {
            _records = Path.Combine(projectDirectory, "obj", "gobuild");
            Decision = new CrossCompile
            {
                BuildEngine = engine,
                ProjectDirectory = projectDirectory,
                IntermediateDirectory = _records,
                OutDir = "bin/",
                HostGoOS = HostPlatform.Current.GoOS,
                HostGoArch = HostPlatform.Current.GoArch,
                OutputName = "app",
                BuildCacheDir = s_buildCache,
                ModuleCacheDir = s_moduleCache,
                ModuleProxy = "off",
            };
            Build = new GoBuild
            {
                BuildEngine = engine,
                ToolchainRoot = s_goRoot,
                ProjectDirectory = projectDirectory,
                HostGoOS = HostPlatform.Current.GoOS,
                HostGoArch = HostPlatform.Current.GoArch,
                PlatformCacheDir = Path.Combine(s_caches, "platforms"),
            };
            OutputPath = Path.Combine(projectDirectory, "bin", "app");
            InputsFile = Path.Combine(_records, HostPlatform.Current.GoOS + "-" + HostPlatform.Current.GoArch + ".inputs");
        }

        public CrossCompile Decision { get; }

        public GoBuild Build { get; }

        public string OutputPath { get; }

        public string InputsFile { get; }

        public void Cancel() => Build.Cancel();

        public bool Execute()
        {
            if (!Decision.Execute())
            {
                return false;
            }

            Build.Targets = File.ReadAllLines(Path.Combine(_records, "targets"))
                .Where(l => l.Length > 0)
                .Select(l => l.Split('|'))
                .Select(f => (ITaskItem)new TaskItem(f[0], new Dictionary<string, string> { ["Record"] = f[10] }))
                .ToArray();
            return Build.Execute();
        }
    }

    private static string CreateHelloModule(string name)
    {
        string module = RepoPaths.NewTempDirectory(name);
        WriteFile(module, "go.mod", "module example.com/hello\n\ngo 1.22\n");
        WriteFile(module, "main.go", "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n");
        return module;
    }

    // mod/go.mod, mod/lib (embeds static/msg.txt), mod/cmd/tool (imports lib, prints main.version).
    private static string CreateModuleWithLibrary(string name)
    {
        string module = RepoPaths.NewTempDirectory(name);
        WriteFile(module, "go.mod", "module example.com/m\n\ngo 1.22\n");
        WriteFile(module, "lib/lib.go", "package lib\n\nimport _ \"embed\"\n\n//go:embed static/msg.txt\nvar msg string\n\nfunc Message() string { return msg }\n");
        WriteFile(module, "lib/static/msg.txt", "hello from lib");
        WriteFile(
            module,
            "cmd/tool/main.go",
            "package main\n\nimport (\n\t\"os\"\n\n\t\"example.com/m/lib\"\n)\n\nvar version = \"unset\"\n\nfunc main() { os.Stdout.WriteString(version + \"|\" + lib.Message() + \"\\n\") }\n");
        return module;
    }

    private static void WriteFile(string root, string relative, string content)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string RunProgram(string path)
    {
        ProcessResult result = ProcessResult.Run(path, Array.Empty<string>(), Path.GetDirectoryName(path)!);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        return result.Output.TrimEnd('\n');
    }
}
