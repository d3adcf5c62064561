using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Tasks.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.Build.Framework;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

/// <summary>
/// The GoTest task against a recording build engine and real Go toolchains: the failures the
/// end-to-end tests leave out (outside tests, setup, Go 1.22's plain-text build errors).
/// </summary>
[TestClass]
public sealed class GoTestTaskTests
{
    private static string s_caches = string.Empty;

    [ClassInitialize]
    public static void CreateSharedCaches(TestContext context) => s_caches = RepoPaths.NewTempDirectory("gotest-task-caches");

    [ClassCleanup]
    public static void DeleteSharedCaches()
    {
        if (s_caches.Length > 0 && Directory.Exists(s_caches))
        {
            foreach (string file in Directory.EnumerateFiles(s_caches, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(s_caches, recursive: true);
        }
    }

    [TestMethod]
    public void Execute_TestMainFailingAfterPassingTests_FailsWithGOB5004_AndRecordsItInTheResultsFile()
    {
        string module = Module(nameof(Execute_TestMainFailingAfterPassingTests_FailsWithGOB5004_AndRecordsItInTheResultsFile), """
            package m

            import (
            	"fmt"
            	"os"
            	"testing"
            )

            func TestOk(t *testing.T) {}

            func TestMain(m *testing.M) {
            	m.Run()
            	fmt.Println("teardown failed: database still locked")
            	os.Exit(3)
            }
            """);
        var engine = new RecordingBuildEngine();
        GoTest task = NewTask(module, "1.26.11", engine);
        task.ResultsDirectory = Path.Combine(module, "results");

        Assert.IsFalse(task.Execute(), engine.ToString());

        RecordedDiagnostic error = engine.Errors.Single();
        Assert.AreEqual("GOB5004", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "teardown failed: database still locked");
        Assert.AreEqual(1, task.Passed);
        Assert.IsTrue(engine.HasMessage(MessageImportance.High, "Failed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1"), engine.ToString());
        Assert.AreEqual(Path.Combine(module, "results", "m.trx"), task.ResultsFile);
        XDocument trx = XDocument.Load(task.ResultsFile!);
        StringAssert.Contains(trx.Root!.ToString(), "GOB5004");
    }

    [TestMethod]
    public void Execute_PatternNamingNoFolder_FailsWithGOB5005_NotAsABuildFailure()
    {
        string module = Module(nameof(Execute_PatternNamingNoFolder_FailsWithGOB5005_NotAsABuildFailure), "package m\n");
        var engine = new RecordingBuildEngine();
        GoTest task = NewTask(module, "1.26.11", engine);
        task.Packages = new[] { "./nope/..." };

        Assert.IsFalse(task.Execute(), engine.ToString());

        RecordedDiagnostic error = engine.Errors.Single();
        Assert.AreEqual("GOB5005", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "no such file or directory");
    }

    [TestMethod]
    public void Execute_Go122TestThatDoesNotCompile_ReportsTheStderrErrorAsGOB5003WithItsLocation()
    {
        string module = Module(nameof(Execute_Go122TestThatDoesNotCompile_ReportsTheStderrErrorAsGOB5003WithItsLocation), """
            package m

            import "testing"

            func TestBroken(t *testing.T) {
            	var n int = "text"
            	_ = n
            }
            """);
        var engine = new RecordingBuildEngine();
        GoTest task = NewTask(module, "1.22.12", engine);

        Assert.IsFalse(task.Execute(), engine.ToString());

        RecordedDiagnostic error = engine.Errors.Single();
        Assert.AreEqual("GOB5003", error.Code, engine.ToString());
        Assert.AreEqual(Path.Combine(module, "m_test.go"), error.File);
        Assert.AreEqual(6, error.Line);
        StringAssert.Contains(error.Message, "test build of example.com/m");
    }

    private static GoTest NewTask(string module, string goVersion, RecordingBuildEngine engine) => new()
    {
        BuildEngine = engine,
        ToolchainRoot = RepoPaths.GoRoot(goVersion),
        ProjectDirectory = module,
        EnvironmentRecord = EnvironmentRecords.Write(
            EnvironmentRecords.NewPath(module, "test"),
            EnvironmentRecords.Settings(module),
            Path.Combine(s_caches, "go-build-" + goVersion),
            Path.Combine(s_caches, "mod")),
        RunName = "m",
    };

    private static string Module(string name, string test)
    {
        string module = RepoPaths.NewTempDirectory(name);
        File.WriteAllText(Path.Combine(module, "go.mod"), "module example.com/m\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(module, "m.go"), "package m\n");
        if (test != "package m\n")
        {
            File.WriteAllText(Path.Combine(module, "m_test.go"), test.Replace("\r\n", "\n"));
        }

        return module;
    }
}
