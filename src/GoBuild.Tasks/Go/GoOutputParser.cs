using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Turns go's output, line by line, into diagnostics with file, line and column, and keeps every
/// line so a failure without a parsable line can still be reported with the tail of the output.
/// </summary>
/// <remarks>
/// go prints <c># import/path</c> headers, then <c>./file.go:12:5: message</c> lines (relative to
/// the working directory; <c>vet: </c>-prefixed from vet), with tab-indented continuation lines
/// (for example <c>have (int)</c> / <c>want ()</c>). A diagnostic is emitted when the next line
/// shows it is complete, or on <see cref="Complete"/>.
/// </remarks>
public sealed class GoOutputParser
{
    // An optional drive letter keeps Windows paths (C:\src\a.go:3:1: …) in one piece.
    private static readonly Regex s_diagnostic = new(
        @"^(?:vet: )?(?<file>(?:[A-Za-z]:)?[^:\s][^:]*?\.(?:go|s|c|h|cc|cpp|cxx|hh|hpp|m|f|mod|sum|work|syso|tmpl)):(?<line>\d+)(?::(?<col>\d+))?: ?(?<msg>.*)$",
        RegexOptions.CultureInvariant);

    private readonly string _workingDirectory;
    private readonly Action<GoDiagnostic> _onDiagnostic;
    private readonly Queue<string> _tail = new();
    private readonly int _tailLength;
    private GoDiagnostic? _pending;
    private string? _package;

    /// <summary>Creates a parser whose relative paths are resolved against <paramref name="workingDirectory"/>.</summary>
    public GoOutputParser(string workingDirectory, Action<GoDiagnostic> onDiagnostic, int tailLength = 20)
    {
        _workingDirectory = workingDirectory;
        _onDiagnostic = onDiagnostic;
        _tailLength = tailLength;
    }

    /// <summary>How many diagnostics were emitted.</summary>
    public int DiagnosticCount { get; private set; }

    /// <summary>The last lines seen (at most the tail length), for errors with no parsable line.</summary>
    public IReadOnlyCollection<string> Tail => _tail;

    /// <summary>Feeds one line of output.</summary>
    /// <returns>Whether the line belongs to a diagnostic (and so needs no separate logging).</returns>
    public bool Feed(string line)
    {
        _tail.Enqueue(line);
        while (_tail.Count > _tailLength)
        {
            _tail.Dequeue();
        }

        if (_pending != null && line.Length > 0 && (line[0] == '\t' || line.StartsWith("    ", StringComparison.Ordinal)))
        {
            _pending.Message += Environment.NewLine + line.Trim();
            return true;
        }

        Flush();
        if (line.StartsWith("# ", StringComparison.Ordinal))
        {
            _package = line.Substring(2).Trim();
            return false;
        }

        // The C compiler's include trail under cgo ("In file included from x.c:3:") is context for
        // the error line that follows it, not an error of its own.
        if (line.StartsWith("In file included from ", StringComparison.Ordinal) || line.StartsWith("                 from ", StringComparison.Ordinal))
        {
            return false;
        }

        Match match = s_diagnostic.Match(line);
        if (!match.Success)
        {
            return false;
        }

        string file = match.Groups["file"].Value;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(_workingDirectory, file));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }

        int lineNumber = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int column = match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        _pending = new GoDiagnostic(fullPath, lineNumber, column, match.Groups["msg"].Value.Trim(), _package);
        return true;
    }

    /// <summary>Emits the diagnostic still being collected, if any.</summary>
    public void Complete() => Flush();

    private void Flush()
    {
        if (_pending != null)
        {
            DiagnosticCount++;
            _onDiagnostic(_pending);
            _pending = null;
        }
    }
}
