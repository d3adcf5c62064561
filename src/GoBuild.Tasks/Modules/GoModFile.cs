using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The SDK's one reader of go.mod and go.work files (they share one syntax): the module path, the
/// <c>go</c> and <c>toolchain</c> versions, the requirements, the replacements and (go.work) the
/// <c>use</c> folders. Other directives are skipped; go itself reports a malformed file when it builds.
/// </summary>
public sealed class GoModFile
{
    // The directives go knows in each kind of file; any other word at the start of a line is an error
    // for go ("unknown directive"), so the workspace decision reports it before go runs.
    private static readonly string[] s_modVerbs = { "module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore" };
    private static readonly string[] s_workVerbs = { "go", "toolchain", "godebug", "use", "replace" };

    private GoModFile(string modulePath, string goVersion, string toolchain, IReadOnlyList<ModuleVersion> requires, IReadOnlyList<GoModReplace> replaces, IReadOnlyList<string> uses, IReadOnlyList<string> problems)
    {
        Problems = problems;
        ModulePath = modulePath;
        GoVersion = goVersion;
        Toolchain = toolchain;
        Requires = requires;
        Replaces = replaces;
        Uses = uses;
    }

    /// <summary>The main module's path (the <c>module</c> directive).</summary>
    public string ModulePath { get; }

    /// <summary>The <c>go</c> directive's version, or empty when there is none.</summary>
    public string GoVersion { get; }

    /// <summary>The <c>toolchain</c> directive's value (<c>go1.26.11</c>, <c>default</c>), or empty when there is none.</summary>
    public string Toolchain { get; }

    /// <summary>The <c>use</c> directives of a go.work file (folders relative to it), in file order.</summary>
    public IReadOnlyList<string> Uses { get; }

    /// <summary>The <c>require</c> directives, in file order.</summary>
    public IReadOnlyList<ModuleVersion> Requires { get; }

    /// <summary>The <c>replace</c> directives, in file order.</summary>
    public IReadOnlyList<GoModReplace> Replaces { get; }

    /// <summary>
    /// What go would refuse in the file, as <c>line N: text</c>: a directive the kind of file does not
    /// have, a block left open, a <c>use</c> without a folder. Empty for a well-formed file.
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static GoModFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Reads the go.work file <paramref name="path"/>.</summary>
    public static GoModFile LoadWork(string path) => ParseWork(File.ReadAllText(path));

    /// <summary>Parses go.mod text.</summary>
    public static GoModFile Parse(string text) => Parse(text, s_modVerbs);

    /// <summary>Parses go.work text (its directives: go, toolchain, godebug, use, replace).</summary>
    public static GoModFile ParseWork(string text) => Parse(text, s_workVerbs);

    private static GoModFile Parse(string text, string[] knownVerbs)
    {
        var directives = new Directives();
        var problems = new List<string>();
        string? block = null;
        int blockLine = 0;
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            int lineNumber = index + 1;
            List<string> tokens = Tokenize(lines[index]);
            if (tokens.Count == 0)
            {
                continue;
            }

            if (block != null)
            {
                if (tokens[0] == ")")
                {
                    block = null;
                    continue;
                }

                Add(directives, block, tokens, lineNumber, problems);
                continue;
            }

            if (!knownVerbs.Contains(tokens[0], StringComparer.Ordinal))
            {
                problems.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "line {0}: unknown directive: {1}", lineNumber, tokens[0]));
                continue;
            }

            if (tokens.Count == 2 && tokens[1] == "(")
            {
                block = tokens[0];
                blockLine = lineNumber;
                continue;
            }

            Add(directives, tokens[0], tokens.Skip(1).ToList(), lineNumber, problems);
        }

        if (block != null)
        {
            problems.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "line {0}: the {1} ( block is never closed", blockLine, block));
        }

        return new GoModFile(directives.ModulePath, directives.GoVersion, directives.Toolchain, directives.Requires, directives.Replaces, directives.Uses, problems);
    }

    private static void Add(Directives directives, string verb, List<string> args, int lineNumber, List<string> problems)
    {
        if (args.Count == 0 || (verb == "use" && args.Count != 1))
        {
            problems.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "line {0}: usage: {1} {2}", lineNumber, verb, verb == "use" ? "<folder>" : "…"));
            return;
        }

        directives.Add(verb, args);
    }

    /// <summary>
    /// What a requirement resolves to after the <c>replace</c> directives: the module itself, another
    /// module version, or null when it is replaced by a local folder (which go.sum does not cover).
    /// </summary>
    public ModuleVersion? Resolve(ModuleVersion requirement)
    {
        // A replacement for this exact version wins over one for every version of the path.
        GoModReplace? replace =
            Replaces.LastOrDefault(r => r.Old.Equals(requirement)) ??
            Replaces.LastOrDefault(r => r.Old.Version.Length == 0 && string.Equals(r.Old.Path, requirement.Path, StringComparison.Ordinal));
        if (replace == null)
        {
            return requirement;
        }

        return replace.IsLocal ? null : replace.New;
    }

    /// <summary>The module versions go must find in the module cache and in go.sum: requirements after replacement.</summary>
    public IReadOnlyList<ModuleVersion> ResolvedRequirements()
    {
        var result = new List<ModuleVersion>();
        foreach (ModuleVersion requirement in Requires)
        {
            ModuleVersion? resolved = Resolve(requirement);
            if (resolved is { } module && !result.Contains(module))
            {
                result.Add(module);
            }
        }

        return result;
    }

    // go.mod tokens: words, "quoted" or `raw` strings, the block parentheses, and the => arrow;
    // a // comment ends the line.
    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                break;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"' || c == '`')
            {
                var token = new StringBuilder();
                int j = i + 1;
                while (j < line.Length && line[j] != c)
                {
                    if (c == '"' && line[j] == '\\' && j + 1 < line.Length)
                    {
                        j++;
                    }

                    token.Append(line[j]);
                    j++;
                }

                tokens.Add(token.ToString());
                i = j + 1;
            }
            else
            {
                int j = i;
                while (j < line.Length && !char.IsWhiteSpace(line[j]) && line[j] != '(' && line[j] != ')' && !(line[j] == '/' && j + 1 < line.Length && line[j + 1] == '/'))
                {
                    j++;
                }

                tokens.Add(line.Substring(i, j - i));
                i = j;
            }
        }

        return tokens;
    }
}

/// <summary>What the directives of one file say, collected while it is read.</summary>
internal sealed class Directives
{
    public string ModulePath { get; private set; } = string.Empty;

    public string GoVersion { get; private set; } = string.Empty;

    public string Toolchain { get; private set; } = string.Empty;

    public List<ModuleVersion> Requires { get; } = new();

    public List<GoModReplace> Replaces { get; } = new();

    public List<string> Uses { get; } = new();

    public void Add(string verb, List<string> args)
    {
        switch (verb)
        {
            case "module" when args.Count >= 1:
                ModulePath = args[0];
                break;
            case "go" when args.Count >= 1:
                GoVersion = args[0];
                break;
            case "toolchain" when args.Count >= 1:
                Toolchain = args[0];
                break;
            case "use" when args.Count >= 1:
                Uses.Add(args[0]);
                break;
            case "require" when args.Count >= 2:
                Requires.Add(new ModuleVersion(args[0], args[1]));
                break;
            case "replace":
                int arrow = args.IndexOf("=>");
                if (arrow is 1 or 2 && args.Count - arrow - 1 is 1 or 2)
                {
                    var old = new ModuleVersion(args[0], arrow == 2 ? args[1] : string.Empty);
                    var @new = new ModuleVersion(args[arrow + 1], args.Count - arrow - 1 == 2 ? args[arrow + 2] : string.Empty);
                    Replaces.Add(new GoModReplace(old, @new));
                }

                break;
        }
    }
}

/// <summary>A <c>replace old [version] => new [version]</c> directive.</summary>
public sealed class GoModReplace
{
    /// <summary>Creates the replacement.</summary>
    public GoModReplace(ModuleVersion old, ModuleVersion @new)
    {
        Old = old;
        New = @new;
    }

    /// <summary>What is replaced; an empty version replaces every version.</summary>
    public ModuleVersion Old { get; }

    /// <summary>The replacement: a module version, or a folder path with an empty version.</summary>
    public ModuleVersion New { get; }

    /// <summary>Whether the replacement is a local folder (no version).</summary>
    public bool IsLocal => New.Version.Length == 0;
}
