using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Collects the events of one <c>go test -json</c> run, line by line, into packages and tests.
/// </summary>
public sealed class GoTestRun
{
    private readonly Dictionary<string, GoTestPackage> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoTestCase> _tests = new(StringComparer.Ordinal);
    private readonly List<GoTestPackage> _order = new();

    /// <summary>The packages, in the order go reported them.</summary>
    public IReadOnlyList<GoTestPackage> Packages => _order;

    /// <summary>Every test and subtest of every package.</summary>
    public IEnumerable<GoTestCase> Tests => _order.SelectMany(p => p.Tests);

    /// <summary>Tests that passed.</summary>
    public int Passed => Tests.Count(t => t.Outcome == GoTestOutcome.Passed);

    /// <summary>Tests that failed or never finished.</summary>
    public int Failed => Tests.Count(t => t.Outcome == GoTestOutcome.Failed || t.Outcome == GoTestOutcome.Incomplete);

    /// <summary>Tests that were skipped.</summary>
    public int Skipped => Tests.Count(t => t.Outcome == GoTestOutcome.Skipped);

    /// <summary>All tests.</summary>
    public int Total => Tests.Count();

    /// <summary>Whether anything failed: a test, a package build, or a package outside its tests.</summary>
    public bool HasFailures => _order.Any(p => p.Outcome == GoTestOutcome.Failed || p.BuildFailed) || Failed > 0;

    /// <summary>Feeds one line of go's standard output.</summary>
    /// <returns>The event, or null when the line is not one (plain text that go printed).</returns>
    public GoTestEvent? Feed(string line)
    {
        GoTestEvent? e = GoTestEvent.TryParse(line);
        if (e != null)
        {
            Apply(e);
        }

        return e;
    }

    /// <summary>Marks tests still running at the end as incomplete and their parents as failed.</summary>
    public void Complete()
    {
        foreach (GoTestCase test in Tests)
        {
            if (test.Outcome == GoTestOutcome.Incomplete)
            {
                MarkParentsFailed(test);
            }
        }
    }

    /// <summary>The package a build event's ImportPath (<c>pkg [pkg.test]</c>, <c>pkg_test [pkg.test]</c>) belongs to.</summary>
    public static string PackageOfImportPath(string importPath)
    {
        int bracket = importPath.IndexOf(" [", StringComparison.Ordinal);
        string package = bracket < 0 ? importPath : importPath.Substring(0, bracket);
        return package.EndsWith("_test", StringComparison.Ordinal) ? package.Substring(0, package.Length - "_test".Length) : package;
    }

    private static string Line(string output) => output.TrimEnd('\n', '\r');

    private void Apply(GoTestEvent e)
    {
        if (e.Action == "build-output" || e.Action == "build-fail")
        {
            if (e.ImportPath == null)
            {
                return;
            }

            GoTestPackage built = GetPackage(PackageOfImportPath(e.ImportPath));
            if (e.Action == "build-fail")
            {
                // A setup failure ("pattern ./x/...: no such file") is reported as a build failure
                // too; the package line that follows ([setup failed]) tells them apart.
                built.BuildFailed = true;
            }
            else if (e.Output != null)
            {
                built.BuildOutput.Add(Line(e.Output));
            }

            return;
        }

        if (e.Package == null)
        {
            return;
        }

        GoTestPackage package = GetPackage(e.Package);
        if (e.Test == null)
        {
            ApplyToPackage(package, e);
        }
        else
        {
            ApplyToTest(package, e);
        }
    }

    private void ApplyToPackage(GoTestPackage package, GoTestEvent e)
    {
        switch (e.Action)
        {
            case "output":
                string line = Line(e.Output ?? string.Empty);
                package.Output.Add(line);
                if (line.EndsWith("[build failed]", StringComparison.Ordinal))
                {
                    // Before Go 1.24 this line is the only sign in the JSON stream; errors went to stderr.
                    package.BuildFailed = true;
                }
                else if (line.EndsWith("[setup failed]", StringComparison.Ordinal))
                {
                    package.SetupFailed = true;
                    package.BuildFailed = false;
                }
                else if (line.EndsWith("[no test files]", StringComparison.Ordinal))
                {
                    package.NoTestFiles = true;
                }

                break;
            case "pass":
            case "fail":
            case "skip":
                package.Outcome = ToOutcome(e.Action);
                package.Elapsed = Seconds(e.Elapsed);
                if (!string.IsNullOrEmpty(e.FailedBuild) && !package.SetupFailed)
                {
                    package.BuildFailed = true;
                }

                break;
        }
    }

    private void ApplyToTest(GoTestPackage package, GoTestEvent e)
    {
        GoTestCase test = GetTest(package, e.Test!);
        switch (e.Action)
        {
            case "run":
                test.Started ??= e.Time;
                break;
            case "output":
                test.Output.Add(Line(e.Output ?? string.Empty));
                break;
            case "pass":
            case "fail":
            case "skip":
                test.Outcome = ToOutcome(e.Action);
                test.Elapsed = Seconds(e.Elapsed);
                test.Finished = e.Time;
                if (test.Outcome == GoTestOutcome.Failed)
                {
                    MarkParentsFailed(test);
                }

                break;
        }
    }

    private void MarkParentsFailed(GoTestCase test)
    {
        string name = test.Name;
        for (int slash = name.LastIndexOf('/'); slash > 0; slash = name.LastIndexOf('/'))
        {
            name = name.Substring(0, slash);
            if (_tests.TryGetValue(test.Package + "\n" + name, out GoTestCase? parent))
            {
                parent.HasFailedSubtest = true;
            }
        }
    }

    private GoTestPackage GetPackage(string importPath)
    {
        if (!_packages.TryGetValue(importPath, out GoTestPackage? package))
        {
            package = new GoTestPackage(importPath);
            _packages.Add(importPath, package);
            _order.Add(package);
        }

        return package;
    }

    private GoTestCase GetTest(GoTestPackage package, string name)
    {
        string key = package.ImportPath + "\n" + name;
        if (!_tests.TryGetValue(key, out GoTestCase? test))
        {
            test = new GoTestCase(package.ImportPath, name);
            _tests.Add(key, test);
            package.Tests.Add(test);
        }

        return test;
    }

    private static GoTestOutcome ToOutcome(string action) => action switch
    {
        "pass" => GoTestOutcome.Passed,
        "fail" => GoTestOutcome.Failed,
        _ => GoTestOutcome.Skipped,
    };

    private static TimeSpan Seconds(double? seconds) => seconds is double s && s > 0 ? TimeSpan.FromTicks((long)(s * TimeSpan.TicksPerSecond)) : TimeSpan.Zero;
}
