using System.Collections.Generic;
using System.Text;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Joins arguments into one command line that both Windows and .NET's Unix parser split back into
/// the same argv. Hand-written because netstandard2.0 lacks ProcessStartInfo.ArgumentList; the
/// net8.0 build passes the list instead and uses this only for log lines.
/// </summary>
public static class CommandLine
{
    /// <summary>Quotes and joins <paramref name="arguments"/>.</summary>
    public static string Join(IEnumerable<string> arguments)
    {
        var sb = new StringBuilder();
        foreach (string argument in arguments)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            Append(sb, argument);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) < 0)
        {
            sb.Append(argument);
            return;
        }

        sb.Append('"');
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                // Backslashes before a quote are doubled, and the quote itself is escaped.
                sb.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                sb.Append('\\', backslashes);
            }

            backslashes = 0;
            sb.Append(c);
        }

        // Backslashes before the closing quote are doubled so they do not escape it.
        sb.Append('\\', backslashes * 2);
        sb.Append('"');
    }
}
