using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>`dotnet test` on a Go project runs go test and reports like a .NET test project.</summary>
[TestClass]
public sealed class GoTestTests
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [TestMethod]
    public void Test_OnePassingOneFailingGoTest_FailsWithGOB5002AtTheFailingLine_SummarisesAndWritesTrx()
    {
        TestProject ws = CalcModule(nameof(Test_OnePassingOneFailingGoTest_FailsWithGOB5002AtTheFailingLine_SummarisesAndWritesTrx), """
            package calc

            import "testing"

            func TestAdd(t *testing.T) {
            	if Add(1, 2) != 3 {
            		t.Fatal("1+2")
            	}
            }

            func TestAddNegative(t *testing.T) {
            	if got := Add(-1, -2); got != -4 {
            		t.Errorf("Add(-1, -2) = %d, want -4", got)
            	}
            }
            """);

        DotNetResult result = ws.DotNet("test", "app/app.csproj", "--logger", "trx", "--results-directory", ws.PathOf("results"));

        Assert.AreEqual(1, result.ExitCode, result.Describe());
        string error = result.AssertError("GOB5002", "TestAddNegative");
        StringAssert.Contains(error, Path.Combine("app", "calc", "calc_test.go") + "(13)");
        StringAssert.Contains(error, "Add(-1, -2) = -3, want -4");
        result.AssertOutputContains("Failed!  - Failed:     1, Passed:     1, Skipped:     0, Total:     2, Duration:");
        result.AssertOutputContains("Results File: " + ws.PathOf("results/app.trx"));

        XDocument trx = XDocument.Load(ws.PathOf("results/app.trx"));
        XElement counters = trx.Descendants(s_trx + "Counters").Single();
        Assert.AreEqual("1", counters.Attribute("passed")!.Value);
        Assert.AreEqual("1", counters.Attribute("failed")!.Value);
        Assert.AreEqual("Failed", trx.Descendants(s_trx + "UnitTestResult").Single(r => r.Attribute("testName")!.Value == "TestAddNegative").Attribute("outcome")!.Value);
    }

    [TestMethod]
    public void Test_TestFileThatDoesNotCompile_FailsWithGOB5003_NotAsAFailedTest()
    {
        TestProject ws = CalcModule(nameof(Test_TestFileThatDoesNotCompile_FailsWithGOB5003_NotAsAFailedTest), """
            package calc

            import "testing"

            func TestAdd(t *testing.T) {
            	var sum string = Add(1, 2)
            	_ = sum
            }
            """);

        // The netstandard2.0 tasks (Visual Studio's MSBuild) read go's JSON with another serializer.
        DotNetResult result = ws.DotNet("test", "app/app.csproj", "-p:_GoBuildTasksFramework=netstandard2.0").AssertFailure();

        string error = result.AssertError("GOB5003", "calc_test.go(6,");
        StringAssert.Contains(error, "test build of example.com/app/calc");
        result.AssertOutputDoesNotContain("error GOB5002");
        result.AssertOutputDoesNotContain("error GOB2001");
        result.AssertOutputContains("Failed!  - Failed:     0, Passed:     0, Skipped:     0, Total:     0");
    }

    // A command at the module root (the project builds it) and a package with the tests below it.
    private static TestProject CalcModule(string name, string test)
    {
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/calc\"\n)\n\nfunc main() { fmt.Println(calc.Add(1, 2)) }\n");
        ws.WriteFile("app/calc/calc.go", "package calc\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n");
        ws.WriteFile("app/calc/calc_test.go", test);
        ws.WriteGoProject("app/app.csproj");
        return ws;
    }
}
