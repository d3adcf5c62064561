using System;
using System.Collections.Generic;

namespace GoBuild.Tasks.Testing;

/// <summary>How a Go test or package ended.</summary>
public enum GoTestOutcome
{
    /// <summary>No end event (the test binary crashed, timed out or was killed while it ran).</summary>
    Incomplete,

    /// <summary>pass.</summary>
    Passed,

    /// <summary>fail.</summary>
    Failed,

    /// <summary>skip (for a package: no test files, or nothing ran).</summary>
    Skipped,
}

/// <summary>One test or subtest of one package, with its output lines.</summary>
public sealed class GoTestCase
{
    /// <summary>Creates a test record.</summary>
    public GoTestCase(string package, string name)
    {
        Package = package;
        Name = name;
    }

    /// <summary>The import path of its package.</summary>
    public string Package { get; }

    /// <summary>The name as go reports it: <c>TestAdd</c>, <c>TestAdd/case_1</c>.</summary>
    public string Name { get; }

    /// <summary>How it ended.</summary>
    public GoTestOutcome Outcome { get; internal set; }

    /// <summary>Its duration, as go measured it.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>When it started (the run event).</summary>
    public DateTimeOffset? Started { get; internal set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? Finished { get; internal set; }

    /// <summary>Its output, one entry per line, without line ends.</summary>
    public IList<string> Output { get; } = new List<string>();

    /// <summary>Whether a subtest of it failed (so the failure is reported on the subtest).</summary>
    public bool HasFailedSubtest { get; internal set; }

    /// <summary>Whether this is the failure to report: failed (or never finished) with no failed subtest.</summary>
    public bool IsReportedFailure => (Outcome == GoTestOutcome.Failed || Outcome == GoTestOutcome.Incomplete) && !HasFailedSubtest;
}

/// <summary>One package of a go test run.</summary>
public sealed class GoTestPackage
{
    /// <summary>Creates a package record.</summary>
    public GoTestPackage(string importPath) => ImportPath = importPath;

    /// <summary>Its import path.</summary>
    public string ImportPath { get; }

    /// <summary>How it ended.</summary>
    public GoTestOutcome Outcome { get; internal set; }

    /// <summary>The test binary's run time.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Whether its test binary failed to build (compile or vet errors).</summary>
    public bool BuildFailed { get; internal set; }

    /// <summary>Whether go could not even set up its test (a pattern or folder that does not exist).</summary>
    public bool SetupFailed { get; internal set; }

    /// <summary>Whether go found no test files in it.</summary>
    public bool NoTestFiles { get; internal set; }

    /// <summary>Output outside any test (TestMain, init, the final ok/FAIL line).</summary>
    public IList<string> Output { get; } = new List<string>();

    /// <summary>Build output of its test binary (Go 1.24 and later report it in the JSON stream).</summary>
    public IList<string> BuildOutput { get; } = new List<string>();

    /// <summary>Its tests, in the order they started.</summary>
    public IList<GoTestCase> Tests { get; } = new List<GoTestCase>();

    /// <summary>Whether it failed for a reason no test failure explains (build failure, crash outside tests, exit from TestMain).</summary>
    public bool FailedOutsideTests
    {
        get
        {
            if (Outcome != GoTestOutcome.Failed || BuildFailed || SetupFailed)
            {
                return false;
            }

            foreach (GoTestCase test in Tests)
            {
                if (test.Outcome == GoTestOutcome.Failed || test.Outcome == GoTestOutcome.Incomplete)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
