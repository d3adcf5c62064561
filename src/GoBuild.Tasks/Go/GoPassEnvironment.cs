using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Go;

/// <summary>
/// GoPassEnvironment: names of variables taken from the build's own environment and given to every
/// go child unchanged (and so to a GOCACHEPROG program, cgo's compilers and go mod download):
/// credentials such as AWS_ACCESS_KEY_ID or GOOGLE_APPLICATION_CREDENTIALS. Only names travel
/// through MSBuild (properties, records, logs); the values are read from the process environment
/// when the child starts, so no log or file the SDK writes can hold them.
/// </summary>
public static class GoPassEnvironment
{
    private static readonly Regex s_name = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="name"/> is an environment variable name (letters, digits, _; no leading digit).</summary>
    public static bool IsName(string name) => s_name.IsMatch(name);

    /// <summary>
    /// The names in <paramref name="list"/> (<c>;</c>-separated), checked.
    /// </summary>
    /// <param name="list">GoPassEnvironment.</param>
    /// <param name="decidedBy">For a variable the SDK sets itself, the property that controls it (else null).</param>
    /// <exception cref="GoBuildException">GOB1033 for a variable the SDK decides; GOB1034 for a name that is not one.</exception>
    public static IReadOnlyList<string> Parse(string? list, Func<string, string?> decidedBy)
    {
        var names = new List<string>();
        foreach (string raw in (list ?? string.Empty).Split(';'))
        {
            string name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!s_name.IsMatch(name))
            {
                throw new GoBuildException("PassEnvironmentInvalidName", name);
            }

            string? property = decidedBy(name);
            if (property != null)
            {
                throw new GoBuildException("PassEnvironmentDecided", name, property);
            }

            if (!names.Contains(name, GoEnvironment.NameComparer))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Copies each of <paramref name="names"/> that <paramref name="ambient"/> sets into <paramref name="environment"/>.</summary>
    public static void Apply(IDictionary<string, string> environment, IEnumerable<string> names, Func<string, string?> ambient)
    {
        foreach (string name in names)
        {
            string? value = ambient(name);
            if (value != null)
            {
                environment[name] = value;
            }
        }
    }
}
