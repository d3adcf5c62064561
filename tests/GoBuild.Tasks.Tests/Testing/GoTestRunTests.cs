using System.Linq;
using GoBuild.Tasks.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class GoTestRunTests
{
    [TestMethod]
    public void Feed_Go126Output_CountsEveryTestAndSubtestByOutcome()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Go126);

        Assert.AreEqual(2, run.Passed, "TestAdd, TestSub/two");
        Assert.AreEqual(3, run.Failed, "TestSub, TestSub/one, TestPanic");
        Assert.AreEqual(1, run.Skipped);
        Assert.AreEqual(6, run.Total);
        Assert.IsTrue(run.HasFailures);
    }

    [TestMethod]
    public void Feed_FailedSubtest_IsTheReportedFailure_NotItsParent()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Go126);

        string[] reported = run.Tests.Where(t => t.IsReportedFailure).Select(t => t.Name).ToArray();

        CollectionAssert.AreEqual(new[] { "TestSub/one", "TestPanic" }, reported);
    }

    [TestMethod]
    public void Feed_Go126BuildEvents_MarkThePackageAsBuildFailed_WithItsCompilerOutput()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Go126);

        GoTestPackage broken = run.Packages.Single(p => p.ImportPath == "example.com/gt/broken");
        Assert.IsTrue(broken.BuildFailed);
        Assert.IsFalse(broken.FailedOutsideTests, "a build failure is reported as such, not as a crash");
        StringAssert.Contains(broken.BuildOutput[1], "b_test.go:5:40: cannot use");
    }

    [TestMethod]
    public void Feed_Go122BuildFailedLine_MarksThePackageAsBuildFailed()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Go122BuildFailure);

        Assert.IsTrue(run.Packages.Single().BuildFailed);
        Assert.IsTrue(run.HasFailures);
        Assert.AreEqual(0, run.Total);
    }

    [TestMethod]
    public void Feed_PackageWithoutTestFiles_IsSkippedWithNoTests()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Go126);

        GoTestPackage empty = run.Packages.Single(p => p.ImportPath == "example.com/gt/empty");
        Assert.IsTrue(empty.NoTestFiles);
        Assert.AreEqual(GoTestOutcome.Skipped, empty.Outcome);
    }

    [TestMethod]
    public void Feed_PackageFailingAfterPassingTests_FailsOutsideTests()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.TestMainExit);

        GoTestPackage package = run.Packages.Single();
        Assert.IsTrue(package.FailedOutsideTests);
        Assert.AreEqual(1, run.Passed);
        Assert.IsTrue(run.HasFailures);
        CollectionAssert.Contains(package.Output.ToList(), "setup failed: no database");
    }

    [TestMethod]
    public void Complete_TestWithoutEndEvent_IsIncompleteAndReported_ItsParentIsNot()
    {
        GoTestRun run = GoTestOutput.Feed(GoTestOutput.Crash);

        GoTestCase inner = run.Tests.Single(t => t.Name == "TestHang/inner");
        GoTestCase outer = run.Tests.Single(t => t.Name == "TestHang");
        Assert.AreEqual(GoTestOutcome.Incomplete, inner.Outcome);
        Assert.IsTrue(inner.IsReportedFailure);
        Assert.IsFalse(outer.IsReportedFailure);
        Assert.AreEqual(2, run.Failed);
    }

    [TestMethod]
    public void Feed_Go126SetupFailure_IsASetupFailure_NotABuildFailure()
    {
        GoTestRun run = GoTestOutput.Feed("""
            {"ImportPath":"./nope/...","Action":"build-output","Output":"# ./nope/...\n"}
            {"ImportPath":"./nope/...","Action":"build-output","Output":"pattern ./nope/...: lstat ./nope/: no such file or directory\n"}
            {"ImportPath":"./nope/...","Action":"build-fail"}
            {"Time":"2026-11-21T00:55:17.887779623Z","Action":"start","Package":"./nope/..."}
            {"Time":"2026-11-21T00:55:17.887816903Z","Action":"output","Package":"./nope/...","Output":"FAIL\t./nope/... [setup failed]\n"}
            {"Time":"2026-11-21T00:55:17.887820893Z","Action":"fail","Package":"./nope/...","Elapsed":0,"FailedBuild":"./nope/..."}
            """);

        GoTestPackage package = run.Packages.Single();
        Assert.IsTrue(package.SetupFailed);
        Assert.IsFalse(package.BuildFailed);
        Assert.IsFalse(package.FailedOutsideTests);
        Assert.IsTrue(run.HasFailures);
    }

    [TestMethod]
    public void Feed_PlainTextAndBrokenJson_AreNotEvents()
    {
        var run = new GoTestRun();

        Assert.IsNull(run.Feed("go: downloading example.com/x v1.0.0"));
        Assert.IsNull(run.Feed("{\"Action\":"));
        Assert.IsNull(run.Feed("{\"NoAction\":true}"));
        Assert.AreEqual(0, run.Packages.Count);
    }

    [TestMethod]
    public void PackageOfImportPath_StripsTheTestBinarySuffixAndExternalTestPackage()
    {
        Assert.AreEqual("example.com/a", GoTestRun.PackageOfImportPath("example.com/a [example.com/a.test]"));
        Assert.AreEqual("example.com/a", GoTestRun.PackageOfImportPath("example.com/a_test [example.com/a.test]"));
        Assert.AreEqual("example.com/a", GoTestRun.PackageOfImportPath("example.com/a"));
    }
}
