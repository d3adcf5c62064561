namespace GoBuild.Tasks.Go;

/// <summary>One <c>file:line[:col]: message</c> line of go's output, with the file made absolute.</summary>
public sealed class GoDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public GoDiagnostic(string file, int line, int column, string message, string? package)
    {
        File = file;
        Line = line;
        Column = column;
        Message = message;
        Package = package;
    }

    /// <summary>The absolute path of the file.</summary>
    public string File { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when go gave none.</summary>
    public int Column { get; }

    /// <summary>The message, with go's indented continuation lines appended.</summary>
    public string Message { get; internal set; }

    /// <summary>The package named by the <c># pkg</c> header above the line, if any.</summary>
    public string? Package { get; }
}
