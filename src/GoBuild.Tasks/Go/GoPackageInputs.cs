using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Records which files a build depended on, as MSBuild include patterns, so that the next build's
/// up-to-date check (Inputs/Outputs, no task, no go) sees edits anywhere in the import graph.
/// </summary>
/// <remarks>
/// Patterns cover whole package folders (<c>dir/*</c>), not the listed files, so that adding a
/// file to a package is seen too; embedded folders are covered recursively. Packages from the
/// module cache are skipped: they are immutable and pinned by go.mod/go.sum, which are inputs.
/// </remarks>
public static class GoPackageInputs
{
    /// <summary>The <c>go list</c> arguments whose output <see cref="ToPatterns"/> reads.</summary>
    public static IReadOnlyList<string> ListArguments(string package) => new[]
    {
        "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{range .EmbedFiles}}\t{{.}}{{end}}{{end}}", package,
    };

    /// <summary>
    /// The pattern file text: one escaped MSBuild include pattern per line, each ending in <c>;</c>
    /// so the whole file can be read into one property and used as an Include.
    /// </summary>
    public static string ToPatterns(IEnumerable<string> listOutput, string moduleCache)
    {
        string cache = Path.GetFullPath(moduleCache).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var patterns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in listOutput)
        {
            string[] fields = line.Split('\t');
            string dir = fields[0].Trim();
            if (dir.Length == 0 || !Path.IsPathRooted(dir) || dir.StartsWith(cache, StringComparison.Ordinal))
            {
                continue;
            }

            patterns.Add(Escape(dir) + "/*");
            foreach (string embedded in fields.Skip(1))
            {
                string first = embedded.Split('/')[0];
                if (first.Length > 0 && first != embedded)
                {
                    patterns.Add(Escape(Path.Combine(dir, first)) + "/**");
                }
            }
        }

        var sb = new StringBuilder();
        foreach (string pattern in patterns)
        {
            sb.Append(pattern).Append(';').Append('\n');
        }

        return sb.ToString();
    }

    // MSBuild's special characters, escaped twice (%25XX): the targets read the file through
    // [MSBuild]::Unescape, which turns our unescaped '*' into a wildcard and %25XX into %XX, which
    // the item Include then reads as one literal character.
    internal static string Escape(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (char c in path)
        {
            switch (c)
            {
                case '%': sb.Append("%2525"); break;
                case '$': sb.Append("%2524"); break;
                case '@': sb.Append("%2540"); break;
                case '\'': sb.Append("%2527"); break;
                case ';': sb.Append("%253B"); break;
                case '?': sb.Append("%253F"); break;
                case '*': sb.Append("%252A"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
