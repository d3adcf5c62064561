using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Go;

/// <summary>Builds the argument list of <c>go build</c> from <see cref="GoBuildOptions"/>.</summary>
public static class GoBuildArguments
{
    /// <summary>The arguments, starting with <c>build</c> and ending with the package.</summary>
    public static IReadOnlyList<string> Create(GoBuildOptions options)
    {
        // No -o for libraries only: go compiles and type-checks them and writes nothing.
        var args = new List<string> { "build" };
        if (options.OutputPath.Length > 0)
        {
            args.Add("-o");
            args.Add(options.OutputPath);
        }

        if (options.TrimPath)
        {
            args.Add("-trimpath");
        }

        args.Add("-buildvcs=" + options.BuildVcs);
        if (options.Overlay.Length > 0)
        {
            args.Add("-overlay=" + options.Overlay);
        }

        // go refuses -buildmode=exe unless exactly one main package is built; for several commands, or
        // libraries only, its default mode builds each main package as a program and checks the rest
        // (what `go build -o dir/ ./cmd/...` does).
        string mode = GoBuildOptions.GoBuildModeFlag(options.BuildMode);
        bool several = options.OutputPath.Length == 0 || options.OutputPath.EndsWith("/", System.StringComparison.Ordinal) || options.OutputPath.EndsWith("\\", System.StringComparison.Ordinal);
        args.Add("-buildmode=" + (mode == "exe" && several ? "default" : mode));
        string[] tags = options.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        if (tags.Length > 0)
        {
            args.Add("-tags=" + string.Join(",", tags));
        }

        string ldflags = LinkerFlags(options);
        if (ldflags.Length > 0)
        {
            args.Add("-ldflags=" + ldflags);
        }

        args.AddRange(options.PackageArguments);
        return args;
    }

    /// <summary>The <c>-ldflags</c> value: strip flags, then <c>-X</c> definitions, then the user's text.</summary>
    public static string LinkerFlags(GoBuildOptions options)
    {
        var parts = new List<string>();
        if (options.Strip)
        {
            parts.Add("-s -w");
        }

        foreach (KeyValuePair<string, string> variable in options.LinkerVariables)
        {
            ValidateVariableName(variable.Key);
            parts.Add("-X " + QuoteField(variable.Key + "=" + variable.Value));
        }

        if (!string.IsNullOrWhiteSpace(options.LdFlags))
        {
            parts.Add(options.LdFlags.Trim());
        }

        return string.Join(" ", parts);
    }

    /// <summary>Fails with GOB2006 unless <paramref name="name"/> is of the form importpath.name.</summary>
    public static void ValidateVariableName(string name)
    {
        // importpath.name: no spaces, no '=', a dot before the variable name.
        int dot = name.LastIndexOf('.');
        if (name.Length == 0 || dot <= 0 || dot == name.Length - 1 || name.Any(c => char.IsWhiteSpace(c) || c == '=' || c == '\'' || c == '"'))
        {
            throw new GoBuildException("InvalidLinkerVariable", name);
        }
    }

    // go splits -ldflags into fields like a shell without escapes: a field may be wrapped in single
    // or double quotes (cmd/internal/quoted). A value holding both kinds cannot be passed.
    private static string QuoteField(string field)
    {
        if (field.Length > 0 && !field.Any(c => char.IsWhiteSpace(c) || c == '\'' || c == '"'))
        {
            return field;
        }

        if (field.IndexOf('\'') < 0)
        {
            return "'" + field + "'";
        }

        if (field.IndexOf('"') < 0)
        {
            return "\"" + field + "\"";
        }

        throw new GoBuildException("UnquotableLinkerValue", field);
    }
}
