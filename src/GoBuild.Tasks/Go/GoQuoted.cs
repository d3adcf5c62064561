using System.Collections.Generic;
using System.Text;

namespace GoBuild.Tasks.Go;

/// <summary>
/// The quoting go uses for command lines held in one variable (GOCACHEPROG, CC, GOFLAGS): fields
/// separated by white space, a field may be wrapped in single or double quotes, nothing is escaped
/// (go's cmd/internal/quoted, whose Split and Join these follow).
/// </summary>
public static class GoQuoted
{
    /// <summary>The fields of <paramref name="text"/>, or null when a quote is not closed.</summary>
    public static List<string>? Split(string text)
    {
        var fields = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            if (text[i] == '"' || text[i] == '\'')
            {
                int end = text.IndexOf(text[i], i + 1);
                if (end < 0)
                {
                    return null;
                }

                fields.Add(text.Substring(i + 1, end - i - 1));
                i = end + 1;
                continue;
            }

            int start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            fields.Add(text.Substring(start, i - start));
        }

        return fields;
    }

    /// <summary>
    /// One line that <see cref="Split"/> turns back into <paramref name="fields"/>, or null when a
    /// field holds white space and both kinds of quote (go cannot represent it).
    /// </summary>
    public static string? Join(IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (string field in fields)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            bool space = false, single = false, dbl = false;
            foreach (char c in field)
            {
                space |= IsSpace(c);
                single |= c == '\'';
                dbl |= c == '"';
            }

            if (!space && !single && !dbl && field.Length > 0)
            {
                line.Append(field);
            }
            else if (!single)
            {
                line.Append('\'').Append(field).Append('\'');
            }
            else if (!dbl)
            {
                line.Append('"').Append(field).Append('"');
            }
            else
            {
                return null;
            }
        }

        return line.ToString();
    }

    private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
