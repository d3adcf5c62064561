using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// Reads the module findings out of go's output: checksum mismatches (with go's SECURITY ERROR
/// text), <c>go mod verify</c> failures, and the package errors of <c>go list -e -deps</c>.
/// </summary>
public static class GoModuleOutput
{
    /// <summary>The <c>go list</c> template: one line per package, its error Go-quoted, or empty.</summary>
    public const string ListErrorTemplate = "{{with .Error}}{{printf \"%q\" .Err}}{{end}}";

    /// <summary>
    /// <see cref="ListErrorTemplate"/>, and for each package of a dependency module (not the main
    /// module, not std) a line <c>dir &lt;folder&gt;</c> and a line <c>embed &lt;file&gt;</c> per
    /// embedded file: what the build compiles out of the module cache.
    /// </summary>
    /// <remarks>Line breaks come from <c>println</c>, not a quoted <c>"\n"</c>: no backslash, which shells' echo would expand in a logged command line.</remarks>
    public const string ListTemplate = ListErrorTemplate + "{{with .Module}}{{if not .Main}}{{println}}dir {{$.Dir}}{{range $.EmbedFiles}}{{println}}embed {{$.Dir}}/{{.}}{{end}}{{end}}{{end}}";

    /// <summary>The package folders and embedded files of <see cref="ListTemplate"/>'s output, and the other lines.</summary>
    public static (IReadOnlyList<string> Directories, IReadOnlyList<string> EmbeddedFiles, IReadOnlyList<string> Others) SplitSources(IEnumerable<string> lines)
    {
        var directories = new List<string>();
        var embedded = new List<string>();
        var others = new List<string>();
        foreach (string line in lines)
        {
            if (line.StartsWith("dir ", StringComparison.Ordinal))
            {
                directories.Add(line.Substring(4));
            }
            else if (line.StartsWith("embed ", StringComparison.Ordinal))
            {
                embedded.Add(line.Substring(6));
            }
            else
            {
                others.Add(line);
            }
        }

        return (directories, embedded, others);
    }

    private static readonly Regex s_mismatch = new(
        @"verifying (?:module: )?(?<path>[^@\s]+)@(?<version>[^\s:/]+)(?<gomod>/go\.mod)?: checksum mismatch",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_verify = new(
        @"^(?<path>\S+) (?<version>v\S+): (?<what>.+)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_goModEntryMissing = new(
        @"(?<path>[^\s@]+)@(?<version>[^\s:]+): missing go\.sum entry for go\.mod file",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_packageEntryMissing = new(
        @"missing go\.sum entry for module providing package (?<package>\S+)",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_notInCache = new(
        @"(?<path>[^\s@]+)@(?<version>[^\s:]+): (?:module lookup disabled by GOPROXY=off|reading [^:]+: no such file)",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// Each checksum mismatch go reported: the module version and go's own text for it, from the
    /// <c>verifying …: checksum mismatch</c> line to the pointer at <c>go help module-auth</c>.
    /// </summary>
    public static IReadOnlyList<ModuleProblem> ChecksumMismatches(IEnumerable<string> lines)
    {
        var problems = new List<ModuleProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        StringBuilder? text = null;
        ModuleVersion module = default;
        foreach (string line in lines)
        {
            Match match = s_mismatch.Match(line);
            if (match.Success)
            {
                Flush();
                module = new ModuleVersion(match.Groups["path"].Value, match.Groups["version"].Value);
                text = new StringBuilder(line.Substring(match.Index).TrimEnd());
                continue;
            }

            if (text != null)
            {
                text.Append('\n').Append(line.TrimEnd());
                if (line.IndexOf("go help module-auth", StringComparison.Ordinal) >= 0)
                {
                    Flush();
                }
            }
        }

        Flush();
        return problems;

        void Flush()
        {
            if (text != null)
            {
                string body = text.ToString().Trim();
                // go prints the same block once per place that loads the module.
                if (seen.Add(body))
                {
                    problems.Add(new ModuleProblem(ModuleProblemKind.ChecksumMismatch, module, body));
                }

                text = null;
            }
        }
    }

    /// <summary>The failures <c>go mod verify</c> printed (<c>path version: dir has been modified (…)</c>).</summary>
    public static IReadOnlyList<ModuleProblem> VerifyFailures(IEnumerable<string> lines) => lines
        .Select(l => s_verify.Match(l.Trim()))
        .Where(m => m.Success)
        .Select(m => new ModuleProblem(ModuleProblemKind.CacheModified, new ModuleVersion(m.Groups["path"].Value, m.Groups["version"].Value), m.Groups["what"].Value))
        .ToList();

    /// <summary>
    /// The module problems among the package errors of <c>go list -e -deps -f ListErrorTemplate</c>:
    /// missing go.sum entries and modules missing from the cache. A package is matched to the
    /// requirement whose path is its longest prefix, as go does. Other errors (a misspelt import)
    /// are left for the build to report.
    /// </summary>
    public static IReadOnlyList<ModuleProblem> ListProblems(IEnumerable<string> lines, GoModFile goMod)
    {
        var problems = new List<ModuleProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            string error = Unquote(line.Trim());
            if (error.Length == 0)
            {
                continue;
            }

            ModuleProblem? problem = null;
            Match match;
            if ((match = s_goModEntryMissing.Match(error)).Success)
            {
                problem = new ModuleProblem(ModuleProblemKind.GoSumEntryMissing, new ModuleVersion(match.Groups["path"].Value, match.Groups["version"].Value), "go.mod");
            }
            else if ((match = s_packageEntryMissing.Match(error)).Success)
            {
                ModuleVersion? module = ProvidingModule(goMod, match.Groups["package"].Value);
                if (module != null)
                {
                    problem = new ModuleProblem(ModuleProblemKind.GoSumEntryMissing, module.Value, "content");
                }
            }
            else if ((match = s_notInCache.Match(error)).Success)
            {
                problem = new ModuleProblem(ModuleProblemKind.NotRestored, new ModuleVersion(match.Groups["path"].Value, match.Groups["version"].Value), error);
            }

            if (problem != null && seen.Add(problem.ToString()))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    /// <summary>The module version that provides <paramref name="package"/>: the longest requirement path that is its prefix, resolved.</summary>
    public static ModuleVersion? ProvidingModule(GoModFile goMod, string package)
    {
        ModuleVersion? best = null;
        foreach (ModuleVersion required in goMod.Requires)
        {
            bool provides = package == required.Path || package.StartsWith(required.Path + "/", StringComparison.Ordinal);
            if (provides && (best == null || required.Path.Length > best.Value.Path.Length))
            {
                best = required;
            }
        }

        return best == null ? null : goMod.Resolve(best.Value);
    }

    // Undoes %q for what module errors hold: the escapes \n \t \" \\ (others are kept as written).
    private static string Unquote(string quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[quoted.Length - 1] != '"')
        {
            return quoted;
        }

        var builder = new StringBuilder(quoted.Length);
        for (int i = 1; i < quoted.Length - 1; i++)
        {
            char c = quoted[i];
            if (c == '\\' && i + 1 < quoted.Length - 1)
            {
                char next = quoted[++i];
                builder.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
