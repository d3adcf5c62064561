using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Testing;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Runs <c>go test -json</c> and reports it the way <c>dotnet test</c> does: an error per failed
/// test (GOB5002, with the file and line go printed), build failures of test binaries apart
/// (GOB5003), a pass/fail summary line, and a .trx results file when one is asked for.
/// </summary>
public sealed class GoTest : GoTaskBase
{
    private const int DetailLines = 30;

    /// <summary>GoTestPackages: package patterns relative to the project folder.</summary>
    public string[] Packages { get; set; } = Array.Empty<string>();

    /// <summary>GoTestFlags: extra go test flags, split as go splits GOFLAGS.</summary>
    public string? Flags { get; set; }

    /// <summary>GoTags.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>VSTestLogger: the <c>--logger</c> values of dotnet test.</summary>
    public string[] Loggers { get; set; } = Array.Empty<string>();

    /// <summary>VSTestResultsDirectory: <c>--results-directory</c> of dotnet test.</summary>
    public string? LoggerResultsDirectory { get; set; }

    /// <summary>GoTestResultsDirectory: write a .trx there even without <c>--logger trx</c>.</summary>
    public string? ResultsDirectory { get; set; }

    /// <summary>Where a trx logger writes when no results directory is given.</summary>
    public string? DefaultResultsDirectory { get; set; }

    /// <summary>The name of the run: the project name (names the results file, ends the summary line).</summary>
    [Required]
    public string RunName { get; set; } = string.Empty;

    /// <summary>The results file written, if any.</summary>
    [Output]
    public string? ResultsFile { get; set; }

    /// <summary>Tests that passed.</summary>
    [Output]
    public int Passed { get; set; }

    /// <summary>Tests that failed.</summary>
    [Output]
    public int Failed { get; set; }

    /// <summary>Tests that were skipped.</summary>
    [Output]
    public int Skipped { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        string? moduleRoot = GoModule.FindRoot(ProjectDirectory);
        if (moduleRoot == null)
        {
            throw new GoBuildException("NoGoMod", ProjectDirectory);
        }

        IReadOnlyList<string> flags = GoTestArguments.SplitFlags(Flags);
        bool race = flags.Any(f => f == "-race" || f == "--race" || f == "-race=true");
        string[] packages = (Packages.Length == 0 ? new[] { "./..." } : Packages)
            .Select(p => p.Trim()).Where(p => p.Length > 0)
            .Select(p => GoModule.NormalizePackage(ProjectDirectory, p)).ToArray();
        string? resultsFile = GoTestResultsFile.Resolve(
            Loggers, LoggerResultsDirectory, ResultsDirectory, DefaultResultsDirectory ?? Path.Combine(ProjectDirectory, "TestResults"), RunName);

        GoToolchain toolchain = OpenToolchain();
        using IDisposable cores = RequestCores(int.MaxValue);
        GoCacheLocations caches = CacheLocations(ReadEnvironment());
        using IDisposable yielded = Yield();
        // Test binaries may run for long (and wait on I/O): tests of other projects keep running alongside.
        using IDisposable slots = AcquireCoreSlots(caches, oneAtATimePerCache: false);

        // test.env: CGO_ENABLED as the decision set it (GoCgoEnabled, else the build mode's default,
        // else on for -race, which needs cgo).
        Dictionary<string, string> env = LoadEnvironment(toolchain);

        // The test binaries inherit go's environment: they keep their own GOMAXPROCS (tests may
        // depend on it); the grant bounds go test's -p, the builds and binaries run at once.
        env.Remove("GOMAXPROCS");

        var arguments = new List<string>(GoTestArguments.Create(packages, Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)), Flags));
        if (!flags.Any(f => f == "-p" || f.StartsWith("-p=", StringComparison.Ordinal)))
        {
            arguments.InsertRange(1, new[] { "-p", GrantedCores.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        Log.LogMessage(MessageImportance.Normal, "{0} {1}", toolchain.Executable, CommandLine.Join(arguments));

        var run = new GoTestRun();
        var buildMessages = new List<KeyValuePair<string, string>>();
        var buildParser = new GoOutputParser(ProjectDirectory, d =>
        {
            string package = d.Package == null ? string.Empty : GoTestRun.PackageOfImportPath(d.Package);
            buildMessages.Add(new KeyValuePair<string, string>(package, $"{d.File}:{d.Line}:{d.Column}: {d.Message}"));
            string suffix = package.Length == 0 ? string.Empty : " (test build of " + package + ")";
            Log.LogError(null, "GOB5003", null, d.File, d.Line, d.Column, 0, 0, d.Message + suffix);
        });
        var plain = new Queue<string>();
        DateTimeOffset started = DateTimeOffset.Now;
        var stopwatch = Stopwatch.StartNew();
        int exitCode = new GoProcessRunner(toolchain.Executable).Run(
            arguments,
            ProjectDirectory,
            env,
            (line, isError) =>
            {
                GoTestEvent? e = isError ? null : run.Feed(line);
                if (e == null)
                {
                    // Plain text: before Go 1.24 the test binaries' build errors, go's own complaints.
                    if (!buildParser.Feed(line))
                    {
                        Remember(plain, line);
                        Log.LogMessage(MessageImportance.Normal, "{0}", line);
                    }
                }
                else if (e.Action == "build-output" && e.Output != null)
                {
                    buildParser.Feed(e.Output.TrimEnd('\n', '\r'));
                }
                else if (e.Action == "output" && e.Test == null && e.Output != null)
                {
                    // Package lines (ok / FAIL / no test files) show at normal verbosity, like go test's own.
                    Log.LogMessage(MessageImportance.Normal, "{0}", e.Output.TrimEnd('\n', '\r'));
                }
            },
            CancellationToken);

        buildParser.Complete();
        run.Complete();
        stopwatch.Stop();

        GoPackageLocator? locator = GoPackageLocator.ForModule(moduleRoot);
        var failures = new Dictionary<GoTestCase, GoTestFailure>();
        foreach (GoTestCase test in run.Tests.Where(t => t.IsReportedFailure))
        {
            GoTestFailure failure = GoTestFailure.Read(test, locator?.DirectoryOf(test.Package), moduleRoot);
            failures[test] = failure;
            LogCoded("TestFailed", failure.File, failure.Line, test.Name, test.Package, failure.Message);
            string details = Details(failure);
            if (details.Length > 0)
            {
                // The rest of the test's output (a panic's stack) below the one-line error, as go test shows it.
                Log.LogMessage(MessageImportance.High, "{0}", details);
            }
        }

        var runErrors = new List<string>();
        foreach (GoTestPackage package in run.Packages)
        {
            if (package.SetupFailed)
            {
                string tail = Tail(package.BuildOutput.Where(l => !l.StartsWith("# ", StringComparison.Ordinal)).Concat(plain));
                runErrors.Add(Resources.Format("TestSetupFailed", package.ImportPath, tail));
                LogCoded("TestSetupFailed", null, 0, package.ImportPath, tail);
            }
            else if (package.BuildFailed)
            {
                IEnumerable<string> messages = buildMessages.Where(m => m.Key == package.ImportPath || m.Key.Length == 0).Select(m => m.Value);
                runErrors.Add(Resources.Format("TestBuildFailed", package.ImportPath, Tail(messages.Concat(package.Output))));
                if (buildMessages.Count == 0)
                {
                    LogCoded("TestBuildFailed", null, 0, package.ImportPath, Tail(package.BuildOutput.Concat(package.Output).Concat(plain)));
                }
            }
            else if (package.FailedOutsideTests)
            {
                string tail = Tail(package.Output);
                runErrors.Add(Resources.Format("TestPackageFailed", package.ImportPath, tail));
                LogCoded("TestPackageFailed", null, 0, package.ImportPath, tail);
            }
        }

        if (exitCode != 0 && !Log.HasLoggedErrors)
        {
            string tail = string.Join(Environment.NewLine, plain);
            runErrors.Add(Resources.Format("GoTestFailed", exitCode, tail));
            LogCoded("GoTestFailed", null, 0, exitCode, tail);
        }

        Passed = run.Passed;
        Failed = run.Failed;
        Skipped = run.Skipped;
        bool failed = Log.HasLoggedErrors || run.HasFailures;
        string summary = Resources.Format(failed ? "TestSummaryFailed" : "TestSummaryPassed", run.Failed, run.Passed, run.Skipped, run.Total, Duration(stopwatch.Elapsed), RunName);
        LogHigh(TestSummaryEvent.Summary(summary, run.Total, run.Passed, run.Skipped, run.Failed, stopwatch.Elapsed, "GoTest"), summary);

        if (resultsFile != null)
        {
            var writer = new TrxWriter(Environment.MachineName, Environment.UserName);
            TrxWriter.Save(writer.Create(run, RunName, started, DateTimeOffset.Now, failures, runErrors), resultsFile);
            ResultsFile = resultsFile;
            string text = Resources.Format("TestResultsFile", resultsFile);
            LogHigh(TestSummaryEvent.Output(text, "GoTest"), text);
        }
    }

    // The terminal logger's test message when MSBuild has it (shown by every logger), else a plain one.
    private void LogHigh(BuildMessageEventArgs? testMessage, string text)
    {
        if (testMessage != null)
        {
            BuildEngine.LogMessageEvent(testMessage);
        }
        else
        {
            Log.LogMessage(MessageImportance.High, "{0}", text);
        }
    }

    private static void Remember(Queue<string> lines, string line)
    {
        lines.Enqueue(line);
        while (lines.Count > DetailLines)
        {
            lines.Dequeue();
        }
    }

    private static string Tail(IEnumerable<string> lines)
    {
        string[] all = lines.Where(l => l.Trim().Length > 0).ToArray();
        return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - DetailLines)));
    }

    // The test's output beyond the line the error already shows.
    private static string Details(GoTestFailure failure)
    {
        var rest = failure.Details.Where(l => l.Trim().Length > 0).ToList();
        int shownInError = rest.FindIndex(l => failure.Message.StartsWith(l.Trim(), StringComparison.Ordinal) || l.Trim().EndsWith(failure.Message, StringComparison.Ordinal));
        if (shownInError >= 0)
        {
            rest.RemoveAt(shownInError);
        }

        if (rest.Count == 0)
        {
            return string.Empty;
        }

        IEnumerable<string> shown = rest.Take(DetailLines).Select(l => "    " + l.TrimEnd());
        string more = rest.Count > DetailLines ? Environment.NewLine + "    …" : string.Empty;
        return string.Join(Environment.NewLine, shown) + more;
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 1 ? ((int)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms" : ((int)elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";

    // An error with a code, and with a file and line when go gave them.
    private void LogCoded(string resourceName, string? file, int line, params object[] args)
    {
        string text = Resources.Format(resourceName, args);
        string? code = Log.ExtractMessageCode(text, out string message);
        Log.LogError(null, code, null, file ?? string.Empty, line, 0, 0, 0, message);
    }
}
