using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Testing;

/// <summary>Builds the argument list of <c>go test -json</c>.</summary>
public static class GoTestArguments
{
    /// <summary>
    /// <c>test -json [-tags=…] packages… flags…</c>: the flags come after the packages, which go
    /// accepts, so a user's <c>-args …</c> still reaches the test binaries last.
    /// </summary>
    public static IReadOnlyList<string> Create(IEnumerable<string> packages, IEnumerable<string> tags, string? flags)
    {
        var args = new List<string> { "test", "-json" };
        string[] tagList = tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        if (tagList.Length > 0)
        {
            args.Add("-tags=" + string.Join(",", tagList));
        }

        args.AddRange(packages);
        args.AddRange(SplitFlags(flags));
        return args;
    }

    /// <summary>
    /// Splits GoTestFlags as go splits GOFLAGS and -gcflags (cmd/internal/quoted.Split): fields
    /// are separated by whitespace; a field that starts with a single or double quote runs to the
    /// matching quote, with no escapes, so Windows paths need no doubling of backslashes.
    /// </summary>
    /// <exception cref="GoBuildException">A quote is not closed (GOB5006).</exception>
    public static IReadOnlyList<string> SplitFlags(string? flags)
    {
        var result = new List<string>();
        string s = flags ?? string.Empty;
        int i = 0;
        while (true)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                return result;
            }

            char quote = s[i];
            if (quote == '\'' || quote == '"')
            {
                int end = s.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    throw new GoBuildException("InvalidTestFlags", s);
                }

                result.Add(s.Substring(i + 1, end - i - 1));
                i = end + 1;
                continue;
            }

            int start = i;
            while (i < s.Length && !IsSpace(s[i]))
            {
                i++;
            }

            result.Add(s.Substring(start, i - start));
        }
    }

    private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
