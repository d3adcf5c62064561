using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Writes a go test run as a Visual Studio test results file (.trx), the format <c>dotnet test
/// --logger trx</c> writes and CI systems import. Hand-written: the TRX logger ships only inside
/// vstest, as a logger extension that cannot be called from a task.
/// </summary>
public sealed class TrxWriter
{
    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAListId = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResultsId = "19431567-8539-422a-85d7-44ee4e166bda";
    private const string AdapterType = "executor://gobuild/gotest";

    private static readonly XNamespace s_ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private readonly string _computerName;
    private readonly string _user;

    /// <summary>Creates a writer that records <paramref name="computerName"/> and <paramref name="user"/> as the run's machine and user.</summary>
    public TrxWriter(string computerName, string user)
    {
        _computerName = computerName;
        _user = user;
    }

    /// <summary>Builds the TRX document of <paramref name="run"/>.</summary>
    /// <param name="run">The finished run.</param>
    /// <param name="runName">A name for the run (shown by CI systems).</param>
    /// <param name="started">When go test started.</param>
    /// <param name="finished">When it ended.</param>
    /// <param name="failures">The located failure of each failed test (messages and files for ErrorInfo).</param>
    /// <param name="runErrors">Failures outside tests (build failures, crashes): recorded as run errors.</param>
    public XDocument Create(GoTestRun run, string runName, DateTimeOffset started, DateTimeOffset finished, IReadOnlyDictionary<GoTestCase, GoTestFailure> failures, IReadOnlyList<string> runErrors)
    {
        var results = new XElement(s_ns + "Results");
        var definitions = new XElement(s_ns + "TestDefinitions");
        var entries = new XElement(s_ns + "TestEntries");
        foreach (GoTestCase test in run.Tests)
        {
            string testId = StableGuid(test.Package + "." + test.Name).ToString();
            string executionId = StableGuid(runName + "|" + started.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + test.Package + "." + test.Name).ToString();
            DateTimeOffset testStart = test.Started ?? started;
            DateTimeOffset testEnd = test.Finished ?? testStart + test.Elapsed;
            var result = new XElement(
                s_ns + "UnitTestResult",
                new XAttribute("executionId", executionId),
                new XAttribute("testId", testId),
                new XAttribute("testName", test.Name),
                new XAttribute("computerName", _computerName),
                new XAttribute("duration", test.Elapsed.ToString("c", CultureInfo.InvariantCulture)),
                new XAttribute("startTime", Timestamp(testStart)),
                new XAttribute("endTime", Timestamp(testEnd)),
                new XAttribute("testType", UnitTestType),
                new XAttribute("outcome", Outcome(test.Outcome)),
                new XAttribute("testListId", ResultsNotInAListId),
                new XAttribute("relativeResultsDirectory", executionId));
            var output = new XElement(s_ns + "Output");
            if (test.Output.Count > 0)
            {
                output.Add(new XElement(s_ns + "StdOut", Clean(string.Join("\n", test.Output))));
            }

            if (failures.TryGetValue(test, out GoTestFailure? failure))
            {
                string location = failure.File == null ? string.Empty : $"at {test.Name} in {failure.File}:line {failure.Line}";
                output.Add(new XElement(
                    s_ns + "ErrorInfo",
                    new XElement(s_ns + "Message", Clean(failure.Message)),
                    new XElement(s_ns + "StackTrace", Clean(location))));
            }

            if (output.HasElements)
            {
                result.Add(output);
            }

            results.Add(result);
            definitions.Add(new XElement(
                s_ns + "UnitTest",
                new XAttribute("name", test.Name),
                new XAttribute("storage", test.Package),
                new XAttribute("id", testId),
                new XElement(s_ns + "Execution", new XAttribute("id", executionId)),
                new XElement(
                    s_ns + "TestMethod",
                    new XAttribute("codeBase", test.Package),
                    new XAttribute("adapterTypeName", AdapterType),
                    new XAttribute("className", test.Package),
                    new XAttribute("name", test.Name))));
            entries.Add(new XElement(
                s_ns + "TestEntry",
                new XAttribute("testId", testId),
                new XAttribute("executionId", executionId),
                new XAttribute("testListId", ResultsNotInAListId)));
        }

        bool failed = run.HasFailures || runErrors.Count > 0;
        var summary = new XElement(
            s_ns + "ResultSummary",
            new XAttribute("outcome", failed ? "Failed" : "Completed"),
            Counters(run));
        if (runErrors.Count > 0)
        {
            summary.Add(new XElement(
                s_ns + "RunInfos",
                runErrors.Select(e => new XElement(
                    s_ns + "RunInfo",
                    new XAttribute("computerName", _computerName),
                    new XAttribute("outcome", "Error"),
                    new XAttribute("timestamp", Timestamp(finished)),
                    new XElement(s_ns + "Text", Clean(e))))));
        }

        var root = new XElement(
            s_ns + "TestRun",
            new XAttribute("id", StableGuid(runName + "|" + started.UtcTicks.ToString(CultureInfo.InvariantCulture)).ToString()),
            new XAttribute("name", $"{runName} {Timestamp(started)}"),
            new XAttribute("runUser", _user),
            new XElement(
                s_ns + "Times",
                new XAttribute("creation", Timestamp(started)),
                new XAttribute("queuing", Timestamp(started)),
                new XAttribute("start", Timestamp(started)),
                new XAttribute("finish", Timestamp(finished))),
            new XElement(
                s_ns + "TestSettings",
                new XAttribute("name", "default"),
                new XAttribute("id", StableGuid("settings|" + runName).ToString()),
                new XElement(s_ns + "Deployment", new XAttribute("runDeploymentRoot", runName))),
            results,
            definitions,
            entries,
            new XElement(
                s_ns + "TestLists",
                new XElement(s_ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAListId)),
                new XElement(s_ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResultsId))),
            summary);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> (UTF-8, creating the folder).</summary>
    public static void Save(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using XmlWriter writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    /// <summary>A GUID derived from <paramref name="text"/>, so a test keeps its id from run to run.</summary>
    public static Guid StableGuid(string text)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.Take(16).ToArray());
    }

    private static XElement Counters(GoTestRun run) => new(
        s_ns + "Counters",
        new XAttribute("total", run.Total),
        new XAttribute("executed", run.Passed + run.Failed),
        new XAttribute("passed", run.Passed),
        new XAttribute("failed", run.Failed),
        new XAttribute("error", 0),
        new XAttribute("timeout", 0),
        new XAttribute("aborted", 0),
        new XAttribute("inconclusive", 0),
        new XAttribute("passedButRunAborted", 0),
        new XAttribute("notRunnable", 0),
        new XAttribute("notExecuted", run.Skipped),
        new XAttribute("disconnected", 0),
        new XAttribute("warning", 0),
        new XAttribute("completed", 0),
        new XAttribute("inProgress", 0),
        new XAttribute("pending", 0));

    private static string Outcome(GoTestOutcome outcome) => outcome switch
    {
        GoTestOutcome.Passed => "Passed",
        GoTestOutcome.Skipped => "NotExecuted",
        _ => "Failed",
    };

    private static string Timestamp(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    // XML 1.0 cannot hold most control characters, which test output may contain.
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) ? c : '\uFFFD');
        }

        return sb.ToString();
    }
}
