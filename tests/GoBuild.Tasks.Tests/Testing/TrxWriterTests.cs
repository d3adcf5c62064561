using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Tasks.Testing;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class TrxWriterTests
{
    private static readonly XNamespace s_ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private static readonly DateTimeOffset s_start = new(2026, 11, 21, 0, 37, 25, TimeSpan.Zero);

    [TestMethod]
    public void Create_WritesAResultPerTest_WithOutcomesCountersAndErrorInfo()
    {
        (XDocument trx, _) = Create(GoTestOutput.Go126);

        XElement[] results = trx.Descendants(s_ns + "UnitTestResult").ToArray();
        Assert.AreEqual(6, results.Length);
        Assert.AreEqual("Passed", Outcome(results, "TestAdd"));
        Assert.AreEqual("Failed", Outcome(results, "TestSub/one"));
        Assert.AreEqual("NotExecuted", Outcome(results, "TestSkip"));

        XElement counters = trx.Descendants(s_ns + "Counters").Single();
        Assert.AreEqual("6", counters.Attribute("total")!.Value);
        Assert.AreEqual("2", counters.Attribute("passed")!.Value);
        Assert.AreEqual("3", counters.Attribute("failed")!.Value);
        Assert.AreEqual("1", counters.Attribute("notExecuted")!.Value);
        Assert.AreEqual("Failed", trx.Descendants(s_ns + "ResultSummary").Single().Attribute("outcome")!.Value);

        XElement sub = results.Single(r => r.Attribute("testName")!.Value == "TestSub/one");
        Assert.AreEqual("expected 1, got 2", sub.Descendants(s_ns + "Message").Single().Value);
        StringAssert.Contains(sub.Descendants(s_ns + "StackTrace").Single().Value, "calc_test.go:line 13");
    }

    [TestMethod]
    public void Create_EveryResultHasADefinitionAndAnEntry_WithMatchingIds()
    {
        (XDocument trx, _) = Create(GoTestOutput.Go126);

        var definitions = trx.Descendants(s_ns + "UnitTest").ToDictionary(d => d.Attribute("id")!.Value, d => d.Element(s_ns + "Execution")!.Attribute("id")!.Value);
        var entries = trx.Descendants(s_ns + "TestEntry").ToDictionary(e => e.Attribute("testId")!.Value, e => e.Attribute("executionId")!.Value);
        foreach (XElement result in trx.Descendants(s_ns + "UnitTestResult"))
        {
            string testId = result.Attribute("testId")!.Value;
            string executionId = result.Attribute("executionId")!.Value;
            Assert.AreEqual(executionId, definitions[testId]);
            Assert.AreEqual(executionId, entries[testId]);
        }
    }

    [TestMethod]
    public void Create_RunErrors_BecomeRunInfos()
    {
        (XDocument trx, _) = Create(GoTestOutput.Go122BuildFailure, "GOB5003: The tests of package example.com/gt/broken did not build.");

        XElement info = trx.Descendants(s_ns + "RunInfo").Single();
        Assert.AreEqual("Error", info.Attribute("outcome")!.Value);
        StringAssert.Contains(info.Value, "GOB5003");
        Assert.AreEqual("Failed", trx.Descendants(s_ns + "ResultSummary").Single().Attribute("outcome")!.Value);
    }

    [TestMethod]
    public void Create_TestIdsAreStableAcrossRuns()
    {
        (XDocument first, _) = Create(GoTestOutput.Go126);
        (XDocument second, _) = Create(GoTestOutput.Go126);

        CollectionAssert.AreEqual(
            first.Descendants(s_ns + "UnitTest").Select(u => u.Attribute("id")!.Value).ToArray(),
            second.Descendants(s_ns + "UnitTest").Select(u => u.Attribute("id")!.Value).ToArray());
    }

    [TestMethod]
    public void Save_WritesAFileThatLoadsBack_EvenWithControlCharactersInOutput()
    {
        var run = new GoTestRun();
        run.Feed("""{"Time":"2026-11-21T00:00:00Z","Action":"run","Package":"example.com/m","Test":"TestBell"}""");
        run.Feed("""{"Time":"2026-11-21T00:00:00Z","Action":"output","Package":"example.com/m","Test":"TestBell","Output":"ding \u0007\n"}""");
        run.Feed("""{"Time":"2026-11-21T00:00:00Z","Action":"pass","Package":"example.com/m","Test":"TestBell","Elapsed":0.5}""");
        string path = Path.Combine(RepoPaths.NewTempDirectory("trx"), "sub", "r.trx");

        TrxWriter.Save(new TrxWriter("host", "user").Create(run, "m", s_start, s_start.AddSeconds(1), new Dictionary<GoTestCase, GoTestFailure>(), Array.Empty<string>()), path);

        XDocument loaded = XDocument.Load(path);
        Assert.AreEqual("Completed", loaded.Descendants(s_ns + "ResultSummary").Single().Attribute("outcome")!.Value);
        Assert.AreEqual("00:00:00.5000000", loaded.Descendants(s_ns + "UnitTestResult").Single().Attribute("duration")!.Value);
    }

    private static (XDocument Trx, GoTestRun Run) Create(string output, params string[] runErrors)
    {
        GoTestRun run = GoTestOutput.Feed(output);
        var failures = run.Tests.Where(t => t.IsReportedFailure).ToDictionary(t => t, t => GoTestFailure.Read(t, "/src/gt/calc", "/src/gt"));
        return (new TrxWriter("host", "user").Create(run, "gt", s_start, s_start.AddSeconds(2), failures, runErrors), run);
    }

    private static string Outcome(XElement[] results, string name) =>
        results.Single(r => r.Attribute("testName")!.Value == name).Attribute("outcome")!.Value;
}
