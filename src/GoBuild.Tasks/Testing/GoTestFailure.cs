using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Where and why a Go test failed, read from its output: the first <c>file.go:line: message</c>
/// line that t.Error/t.Fatal print, or for a panic the first stack frame in the module.
/// </summary>
public sealed class GoTestFailure
{
    // t.Errorf prints "    name_test.go:12: message" (the file name relative to the package folder).
    private static readonly Regex s_testLog = new(@"^\s+(?<file>[^\s:][^:]*?\.go):(?<line>\d+): ?(?<msg>.*)$", RegexOptions.CultureInvariant);

    // A panic's stack frame: "\t/abs/path/file.go:19 +0x28".
    private static readonly Regex s_frame = new(@"^\t(?<file>(?:[A-Za-z]:)?[^:]+\.go):(?<line>\d+)(?: \+0x[0-9a-f]+)?$", RegexOptions.CultureInvariant);

    private GoTestFailure(GoTestCase test, string? file, int line, string message, IReadOnlyList<string> details)
    {
        Test = test;
        File = file;
        Line = line;
        Message = message;
        Details = details;
    }

    /// <summary>The failed test.</summary>
    public GoTestCase Test { get; }

    /// <summary>The absolute path of the file go named, or null when its output named none.</summary>
    public string? File { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>The first failure message.</summary>
    public string Message { get; }

    /// <summary>The test's output without go's run/result markers (for the error text and the results file).</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>
    /// Reads the failure of <paramref name="test"/>. <paramref name="packageDirectory"/> (null when
    /// unknown) makes the file names of t.Error lines absolute; <paramref name="moduleRoot"/> picks
    /// the stack frame of a panic that lies in the user's code rather than in the Go runtime.
    /// </summary>
    public static GoTestFailure Read(GoTestCase test, string? packageDirectory, string? moduleRoot)
    {
        string[] details = test.Output.Where(l => !IsMarker(l)).ToArray();
        for (int i = 0; i < details.Length; i++)
        {
            Match log = s_testLog.Match(details[i]);
            if (log.Success)
            {
                string file = log.Groups["file"].Value;
                string? path = Path.IsPathRooted(file) ? file : packageDirectory == null ? file : Path.GetFullPath(Path.Combine(packageDirectory, file));
                return new GoTestFailure(test, path, ParseLine(log), log.Groups["msg"].Value.Trim() + Continuation(details, i + 1), details);
            }
        }

        string? panic = details.FirstOrDefault(l => l.StartsWith("panic: ", StringComparison.Ordinal));
        if (panic != null)
        {
            foreach (string line in details)
            {
                Match frame = s_frame.Match(line);
                if (frame.Success && IsUserCode(frame.Groups["file"].Value, packageDirectory, moduleRoot))
                {
                    return new GoTestFailure(test, frame.Groups["file"].Value, ParseLine(frame), panic, details);
                }
            }

            return new GoTestFailure(test, null, 0, panic, details);
        }

        string message = details.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? (test.Outcome == GoTestOutcome.Incomplete ? "the test did not finish" : "the test failed without output");
        return new GoTestFailure(test, null, 0, message, details);
    }

    /// <summary>Whether a line is one of go's own run/result markers (=== RUN, --- FAIL: …).</summary>
    public static bool IsMarker(string line)
    {
        string t = line.TrimStart();
        return t.StartsWith("=== ", StringComparison.Ordinal) || t.StartsWith("--- PASS: ", StringComparison.Ordinal) ||
               t.StartsWith("--- FAIL: ", StringComparison.Ordinal) || t.StartsWith("--- SKIP: ", StringComparison.Ordinal);
    }

    private static int ParseLine(Match match) => int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);

    // t.Errorf messages with newlines continue on lines indented deeper than the file:line line.
    private static string Continuation(string[] lines, int start)
    {
        var parts = new List<string>();
        for (int i = start; i < lines.Length && lines[i].StartsWith("        ", StringComparison.Ordinal); i++)
        {
            parts.Add(lines[i].Trim());
        }

        return parts.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, parts);
    }

    private static bool IsUserCode(string file, string? packageDirectory, string? moduleRoot)
    {
        string? root = moduleRoot ?? packageDirectory;
        if (root == null)
        {
            return file.EndsWith("_test.go", StringComparison.Ordinal);
        }

        string prefix = root.EndsWith("/", StringComparison.Ordinal) || root.EndsWith("\\", StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
        StringComparison comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return file.Replace('\\', '/').StartsWith(prefix.Replace('\\', '/'), comparison);
    }
}
