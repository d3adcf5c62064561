using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// The GOCACHEPROG test double (tests/Shared/cacheprog), built once per run with the real Go: a
/// shared folder plays the remote cache, each "machine" has a local folder and a stats file.
/// </summary>
public static class CacheProgram
{
    private static readonly Lazy<string> s_executable = new(Build);

    /// <summary>The built program.</summary>
    public static string Executable => s_executable.Value;

    /// <summary>
    /// The GoCacheProg command line for one machine: the program with its folders, each quoted the
    /// way go splits GOCACHEPROG (so folders with spaces work).
    /// </summary>
    public static string CommandLine(string remote, string local, string stats) =>
        string.Join(" ", new[] { Executable, "-remote", remote, "-local", local, "-stats", stats }.Select(Quote));

    /// <summary>Hits and misses summed over every go process that appended to <paramref name="stats"/>.</summary>
    public static (int Hits, int Misses, int Puts) Counts(string stats)
    {
        Assert.IsTrue(File.Exists(stats), "The cache program never ran: no " + stats);
        int hits = 0, misses = 0, puts = 0;
        foreach (string line in File.ReadAllLines(stats))
        {
            Match m = Regex.Match(line, @"hits=(\d+) misses=(\d+) puts=(\d+)");
            Assert.IsTrue(m.Success, "Unreadable stats line: " + line);
            hits += int.Parse(m.Groups[1].Value);
            misses += int.Parse(m.Groups[2].Value);
            puts += int.Parse(m.Groups[3].Value);
        }

        return (hits, misses, puts);
    }

    private static string Quote(string field) => field.Contains(' ') || field.Contains('\'') ? "\"" + field + "\"" : field;

    private static string Build()
    {
        string source = Path.Combine(RepoPaths.Root, "tests", "Shared", "cacheprog");
        string output = Path.Combine(E2E.RunRoot, "cache program", "cacheprog");
        ProcessResult result = ProcessResult.Run(
            Path.Combine(RepoPaths.GoRoot(E2E.DefaultGoVersion), "bin", "go"),
            new[] { "build", "-o", output, "." },
            source,
            new Dictionary<string, string?>
            {
                ["GOTOOLCHAIN"] = "local", ["GOENV"] = "off", ["GOFLAGS"] = null, ["GOROOT"] = null, ["GOPROXY"] = "off",
                ["GOCACHE"] = Path.Combine(E2E.RunRoot, "cache program", "gocache"), ["GOTELEMETRY"] = "off",
            });
        Assert.AreEqual(0, result.ExitCode, "Building the cache program failed: " + result.Output);
        return output;
    }
}
