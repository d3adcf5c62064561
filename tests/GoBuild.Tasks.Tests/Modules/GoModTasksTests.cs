using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

/// <summary>
/// GoModDownload and GoModVerify with the real go against a file:// module proxy: each finding
/// gets its own code and names the module version, and go.sum is never written.
/// </summary>
[TestClass]
public sealed class GoModTasksTests
{
    private const string Greet = FileModuleProxy.ModulePath + " " + FileModuleProxy.V1;
    private static string s_root = null!;
    private static FileModuleProxy s_proxy = null!;
    private static string s_restoredCache = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        s_root = RepoPaths.NewTempDirectory("module-tasks");
        s_proxy = FileModuleProxy.Create(Path.Combine(s_root, "proxy"));
        s_restoredCache = Path.Combine(s_root, "restored-cache");
        s_proxy.Download(s_restoredCache, FileModuleProxy.V1);
    }

    [TestMethod]
    public void Download_FromFileProxy_FillsCacheLeavesGoSumAloneAndIsFreeTheSecondTime()
    {
        string app = WriteApp(nameof(Download_FromFileProxy_FillsCacheLeavesGoSumAloneAndIsFreeTheSecondTime));
        string cache = Path.Combine(app, "..", "modcache");
        byte[] goSum = File.ReadAllBytes(Path.Combine(app, "go.sum"));

        var first = new RecordingBuildEngine();
        Assert.IsTrue(NewDownload(first, app, cache).Execute(), first.ToString());
        var second = new RecordingBuildEngine();
        Assert.IsTrue(NewDownload(second, app, cache).Execute(), second.ToString());

        Assert.IsTrue(File.Exists(Path.Combine(cache, "cache", "download", "example.test", "greet", "@v", FileModuleProxy.V1 + ".ziphash")), first.ToString());
        CollectionAssert.AreEqual(goSum, File.ReadAllBytes(Path.Combine(app, "go.sum")));
        string[] restored = File.ReadAllLines(Path.Combine(app, "obj", "modules.restore.inputs"));
        Assert.AreEqual(2, restored.Length, "the .mod and .ziphash files restore provided");
        Assert.IsTrue(restored.All(File.Exists));
        Assert.IsTrue(first.Messages.Any(m => m.Message.Contains(" mod download ")), first.ToString());
        Assert.IsFalse(second.Messages.Any(m => m.Message.Contains(" mod download ")), "the cache was complete; go should not run:\n" + second);
    }

    [TestMethod]
    public void Download_WithTamperedGoSum_FailsWithGOB3004PassingOnGoSecurityError()
    {
        string app = WriteApp(nameof(Download_WithTamperedGoSum_FailsWithGOB3004PassingOnGoSecurityError), Tamper(s_proxy.GoSumLines(FileModuleProxy.V1), s_proxy.ContentHash(FileModuleProxy.V1)));
        byte[] goSum = File.ReadAllBytes(Path.Combine(app, "go.sum"));

        var harness = new RecordingBuildEngine();
        Assert.IsFalse(NewDownload(harness, app, Path.Combine(app, "..", "modcache")).Execute());

        string message = ErrorOf(harness, "GOB3004");
        StringAssert.Contains(message, Greet);
        StringAssert.Contains(message, "SECURITY ERROR");
        CollectionAssert.AreEqual(goSum, File.ReadAllBytes(Path.Combine(app, "go.sum")));
    }

    [TestMethod]
    public void Download_WithProxyUnreachable_FailsWithGOB3008NamingTheModule()
    {
        string app = WriteApp(nameof(Download_WithProxyUnreachable_FailsWithGOB3008NamingTheModule));

        var harness = new RecordingBuildEngine();
        GoModDownload task = NewDownload(harness, app, Path.Combine(app, "..", "modcache"), new System.Uri(Path.Combine(s_root, "no-such-proxy")).AbsoluteUri);
        Assert.IsFalse(task.Execute());

        StringAssert.Contains(ErrorOf(harness, "GOB3008"), FileModuleProxy.ModulePath);
    }

    [TestMethod]
    public void Verify_RestoredModule_PassesWithGoProxyOffAndRecordsCacheFiles()
    {
        string app = WriteApp(nameof(Verify_RestoredModule_PassesWithGoProxyOffAndRecordsCacheFiles));
        string inputs = Path.Combine(app, "obj", "modules.inputs");

        var harness = new RecordingBuildEngine();
        GoModVerify task = NewVerify(harness, app, s_restoredCache);
        task.InputsFile = inputs;
        task.DirectoriesFile = Path.Combine(app, "obj", "modules.dirs");
        Assert.IsTrue(task.Execute(), harness.ToString());

        // What the build compiles out of the cache: the package folder's files, and the folder itself.
        string[] recorded = File.ReadAllLines(inputs);
        Assert.IsTrue(recorded.Length > 0 && recorded.All(File.Exists), string.Join("\n", recorded));
        string folder = File.ReadAllLines(Path.Combine(app, "obj", "modules.dirs")).Single();
        StringAssert.StartsWith(folder, Path.GetFullPath(s_restoredCache));
        CollectionAssert.AreEquivalent(Directory.GetFiles(folder), recorded);
    }

    [TestMethod]
    public void Verify_ModuleNotInCache_FailsWithGOB3005SayingToRestore()
    {
        string app = WriteApp(nameof(Verify_ModuleNotInCache_FailsWithGOB3005SayingToRestore));

        var harness = new RecordingBuildEngine();
        Assert.IsFalse(NewVerify(harness, app, Path.Combine(app, "..", "empty-cache")).Execute());

        string message = ErrorOf(harness, "GOB3005");
        StringAssert.Contains(message, Greet);
        StringAssert.Contains(message, "dotnet restore");
    }

    [TestMethod]
    public void Verify_GoSumWithoutContentHash_FailsWithGOB3003FoundByGo()
    {
        string goModLineOnly = s_proxy.GoSumLines(FileModuleProxy.V1).Split('\n')[1] + "\n";
        string app = WriteApp(nameof(Verify_GoSumWithoutContentHash_FailsWithGOB3003FoundByGo), goModLineOnly);

        var harness = new RecordingBuildEngine();
        Assert.IsFalse(NewVerify(harness, app, s_restoredCache).Execute());

        StringAssert.Contains(ErrorOf(harness, "GOB3003"), "module content hash of " + Greet);
        Assert.AreEqual(goModLineOnly, File.ReadAllText(Path.Combine(app, "go.sum")));
    }

    [TestMethod]
    public void Verify_GoSumEditedAfterRestore_FailsWithGOB3004FromGo()
    {
        // go mod verify alone passes here: it compares the cache with itself, not with go.sum.
        string app = WriteApp(nameof(Verify_GoSumEditedAfterRestore_FailsWithGOB3004FromGo), Tamper(s_proxy.GoSumLines(FileModuleProxy.V1), s_proxy.ContentHash(FileModuleProxy.V1)));

        var harness = new RecordingBuildEngine();
        Assert.IsFalse(NewVerify(harness, app, s_restoredCache).Execute());

        string message = ErrorOf(harness, "GOB3004");
        StringAssert.Contains(message, Greet);
        StringAssert.Contains(message, "SECURITY ERROR");
        StringAssert.Contains(message, "This download does NOT match", "go's own text is passed on");
    }

    [TestMethod]
    public void Verify_FileChangedInModuleCache_FailsWithGOB3006()
    {
        string app = WriteApp(nameof(Verify_FileChangedInModuleCache_FailsWithGOB3006));
        string cache = Path.Combine(app, "..", "modcache");
        s_proxy.Download(cache, FileModuleProxy.V1);
        string extracted = Path.Combine(cache, "example.test", "greet@" + FileModuleProxy.V1);
        if (!System.OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(extracted, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.SetAttributes(Path.Combine(extracted, "greet.go"), FileAttributes.Normal);
        File.AppendAllText(Path.Combine(extracted, "greet.go"), "\nfunc Backdoor() {}\n");

        var harness = new RecordingBuildEngine();
        Assert.IsFalse(NewVerify(harness, app, cache).Execute());

        string message = ErrorOf(harness, "GOB3006");
        StringAssert.Contains(message, Greet);
        StringAssert.Contains(message, "dir has been modified");
    }

    [TestMethod]
    public void Verify_VendorModulesTxtOfAnotherVersion_FailsWithGOB3007WithoutRunningGo()
    {
        string app = WriteApp(nameof(Verify_VendorModulesTxtOfAnotherVersion_FailsWithGOB3007WithoutRunningGo));
        File.Delete(Path.Combine(app, "go.sum"));
        Directory.CreateDirectory(Path.Combine(app, "vendor"));
        File.WriteAllText(Path.Combine(app, "vendor", "modules.txt"), $"# {FileModuleProxy.ModulePath} {FileModuleProxy.V2}\n## explicit; go 1.22\n{FileModuleProxy.ModulePath}\n");

        var harness = new RecordingBuildEngine();
        GoModVerify task = NewVerify(harness, app, s_restoredCache, "vendor");
        Assert.IsFalse(task.Execute());

        string message = ErrorOf(harness, "GOB3007");
        StringAssert.Contains(message, Greet);
        StringAssert.Contains(message, FileModuleProxy.V2);
        Assert.IsFalse(harness.Messages.Any(m => m.Message.Contains("/bin/go ")), harness.ToString());
    }

    /// <summary>The message of the one error with <paramref name="code"/>.</summary>
    private static string ErrorOf(RecordingBuildEngine engine, string code)
    {
        RecordedDiagnostic[] matching = engine.Errors.Where(e => e.Code == code).ToArray();
        Assert.AreEqual(1, matching.Length, $"Expected one error {code}. Log:\n{engine}");
        return matching[0].Message;
    }

    private static string Tamper(string goSum, string hash) => goSum.Replace(hash, "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private static string WriteApp(string name, string? goSum = null)
    {
        string app = Path.Combine(s_root, name, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "go.mod"), $"module example.com/app\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V1}\n");
        File.WriteAllText(Path.Combine(app, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.test/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        File.WriteAllText(Path.Combine(app, "go.sum"), goSum ?? s_proxy.GoSumLines(FileModuleProxy.V1));
        return app;
    }

    private static GoModDownload NewDownload(RecordingBuildEngine harness, string app, string cache, string? proxy = null) => new()
    {
        BuildEngine = harness,
        ToolchainRoot = RepoPaths.GoRoot("1.26.11"),
        ProjectDirectory = app,
        IntermediateDirectory = Path.Combine(app, "obj"),
        InputsFile = Path.Combine(app, "obj", "modules.restore.inputs"),
        EnvironmentRecord = EnvironmentRecords.Write(
            EnvironmentRecords.NewPath(app, "restore"),
            new GoEnvironmentSettings
            {
                ProjectDirectory = app,
                ModMode = "readonly",
                ModuleProxy = proxy ?? s_proxy.Url,
                PrivateModules = "example.test",
                Items = new[] { new System.Collections.Generic.KeyValuePair<string, string>("GONOPROXY", "none") },
            },
            Path.Combine(s_root, "gocache"),
            Path.GetFullPath(cache),
            allowModuleDownload: true),
    };

    private static GoModVerify NewVerify(RecordingBuildEngine harness, string app, string cache, string modMode = "readonly") => new()
    {
        BuildEngine = harness,
        ToolchainRoot = RepoPaths.GoRoot("1.26.11"),
        ProjectDirectory = app,
        EnvironmentRecord = EnvironmentRecords.Write(
            EnvironmentRecords.NewPath(app, "verify"),
            new GoEnvironmentSettings { ProjectDirectory = app, ModMode = modMode, ModuleProxy = s_proxy.Url, PrivateModules = "example.test" },
            Path.Combine(s_root, "gocache"),
            Path.GetFullPath(cache)),
    };
}
