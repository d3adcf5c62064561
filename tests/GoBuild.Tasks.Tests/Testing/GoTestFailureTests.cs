using System.IO;
using System.Linq;
using GoBuild.Tasks.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class GoTestFailureTests
{
    private static readonly string s_moduleRoot = Path.Combine(Path.GetTempPath(), "src", "gt");

    [TestMethod]
    public void Read_ErrorfLine_GivesFileInPackageFolder_LineAndMessage()
    {
        GoTestCase test = GoTestOutput.Feed(GoTestOutput.Go126).Tests.Single(t => t.Name == "TestSub/one");
        string packageDir = Path.Combine(s_moduleRoot, "calc");

        GoTestFailure failure = GoTestFailure.Read(test, packageDir, s_moduleRoot);

        Assert.AreEqual(Path.Combine(packageDir, "calc_test.go"), failure.File);
        Assert.AreEqual(13, failure.Line);
        Assert.AreEqual("expected 1, got 2", failure.Message);
        Assert.IsFalse(failure.Details.Any(GoTestFailure.IsMarker), "=== RUN and --- FAIL lines are go's, not the test's");
    }

    [TestMethod]
    public void Read_Panic_GivesFirstStackFrameInTheModule()
    {
        GoTestCase test = GoTestOutput.Feed(GoTestOutput.Go126).Tests.Single(t => t.Name == "TestPanic");

        GoTestFailure failure = GoTestFailure.Read(test, "/src/gt/calc", "/src/gt");

        Assert.AreEqual("/src/gt/calc/calc_test.go", failure.File);
        Assert.AreEqual(19, failure.Line);
        Assert.AreEqual("panic: assignment to entry in nil map [recovered, repanicked]", failure.Message);
    }

    [TestMethod]
    public void Read_MultiLineErrorf_KeepsTheContinuationLines()
    {
        var test = new GoTestCase("example.com/m", "TestDiff") { Outcome = GoTestOutcome.Failed };
        test.Output.Add("=== RUN   TestDiff");
        test.Output.Add("    diff_test.go:7: values differ:");
        test.Output.Add("        got:  1");
        test.Output.Add("        want: 2");
        test.Output.Add("--- FAIL: TestDiff (0.00s)");

        GoTestFailure failure = GoTestFailure.Read(test, packageDirectory: null, moduleRoot: null);

        Assert.AreEqual("diff_test.go", failure.File, "without a package folder the name stays as go printed it");
        Assert.AreEqual(7, failure.Line);
        StringAssert.Contains(failure.Message, "values differ:");
        StringAssert.Contains(failure.Message, "want: 2");
    }

    [TestMethod]
    public void Read_FailureWithoutLocation_UsesTheLastOutputLine()
    {
        var test = new GoTestCase("example.com/m", "TestQuiet") { Outcome = GoTestOutcome.Failed };
        test.Output.Add("=== RUN   TestQuiet");
        test.Output.Add("something went wrong");
        test.Output.Add("--- FAIL: TestQuiet (0.00s)");

        GoTestFailure failure = GoTestFailure.Read(test, null, null);

        Assert.IsNull(failure.File);
        Assert.AreEqual("something went wrong", failure.Message);
    }
}
