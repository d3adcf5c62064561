using System;
using System.Collections.Generic;
using System.Linq;
using GoBuild.Tasks.Records;

namespace GoBuild.Tasks.Go;

/// <summary>What a selected package is: a command (package main), a library, or tests only (no non-test files).</summary>
public enum GoPackageKind
{
    /// <summary>Package main: built to <c>$(OutDir)&lt;command&gt;</c>.</summary>
    Command,

    /// <summary>Any other package: compiled and type-checked, no file written.</summary>
    Library,

    /// <summary>Only <c>_test.go</c> files: nothing to build, only tests to run.</summary>
    TestsOnly,
}

/// <summary>One package GoPackage matched.</summary>
public sealed class GoSelectedPackage
{
    /// <summary>Creates the entry.</summary>
    public GoSelectedPackage(string importPath, GoPackageKind kind, string directory)
    {
        ImportPath = importPath;
        Kind = kind;
        Directory = directory;
    }

    /// <summary>The package's import path.</summary>
    public string ImportPath { get; }

    /// <summary>Command, library or tests only.</summary>
    public GoPackageKind Kind { get; }

    /// <summary>The package folder.</summary>
    public string Directory { get; }

    /// <summary>The program name go gives a command (<c>go build -o dir/</c>): the last path element, the one before a major-version suffix.</summary>
    public string CommandName => GoPackageSelection.DefaultExecName(ImportPath);
}

/// <summary>
/// GoPackage as a selection: one folder or import path, a pattern (<c>./cmd/...</c>, <c>./...</c>) or
/// a <c>;</c>-list of them. It is resolved once, at decision time, by one <c>go list</c>; the record it
/// writes tells commands from libraries, so a no-op build needs no go to know what the project builds.
/// </summary>
public sealed class GoPackageSelection
{
    // ImportPath, Name, Dir, how many non-test files, and the error go met (a pattern that names nothing).
    private const string ListTemplate = "{{.ImportPath}}\t{{.Name}}\t{{.Dir}}\t{{len .GoFiles}}{{len .CgoFiles}}\t{{if .Error}}{{.Error}}{{end}}";

    private GoPackageSelection(IReadOnlyList<string> patterns, IReadOnlyList<GoSelectedPackage> packages)
    {
        Patterns = patterns;
        Packages = packages;
    }

    /// <summary>The patterns, as go gets them.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Every package matched, in go's order.</summary>
    public IReadOnlyList<GoSelectedPackage> Packages { get; }

    /// <summary>The main packages.</summary>
    public IEnumerable<GoSelectedPackage> Commands => Packages.Where(p => p.Kind == GoPackageKind.Command);

    /// <summary>The packages that are compiled but write nothing.</summary>
    public IEnumerable<GoSelectedPackage> Libraries => Packages.Where(p => p.Kind == GoPackageKind.Library);

    /// <summary>
    /// The patterns of a GoPackage value: <c>;</c>-separated entries, each a folder relative to the
    /// project (made <c>./</c>-relative as go needs) or an import path, each possibly with <c>...</c>.
    /// </summary>
    /// <exception cref="GoBuildException">GOB2040 for an entry go would read as a flag or that holds white space or quotes.</exception>
    public static IReadOnlyList<string> ParsePatterns(string projectDirectory, string? value)
    {
        var patterns = new List<string>();
        foreach (string raw in (value ?? string.Empty).Split(';'))
        {
            string entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.StartsWith("-", StringComparison.Ordinal) || entry.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\'' || c == '`' || char.IsControl(c)))
            {
                throw new GoBuildException("PackagePatternInvalid", value ?? string.Empty, entry);
            }

            string normalized = GoModule.NormalizePackage(projectDirectory, entry);
            if (!patterns.Contains(normalized, StringComparer.Ordinal))
            {
                patterns.Add(normalized);
            }
        }

        return patterns.Count == 0 ? new[] { "." } : patterns;
    }

    /// <summary>Whether the patterns can only name one package (no <c>...</c>, one entry): GoOutputName applies.</summary>
    public static bool IsSinglePackage(IReadOnlyList<string> patterns) =>
        patterns.Count == 1 && patterns[0].IndexOf("...", StringComparison.Ordinal) < 0;

    /// <summary>The <c>go list</c> arguments whose output <see cref="FromList"/> reads (with the build's tags).</summary>
    public static IReadOnlyList<string> ListArguments(IReadOnlyList<string> patterns, IReadOnlyList<string> tags)
    {
        var args = new List<string> { "list", "-e" };
        string[] clean = tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        if (clean.Length > 0)
        {
            args.Add("-tags=" + string.Join(",", clean));
        }

        args.Add("-f");
        args.Add(ListTemplate);
        args.AddRange(patterns);
        return args;
    }

    /// <summary>
    /// Reads <c>go list</c>'s output (<paramref name="stdout"/> lines of <see cref="ListArguments"/>,
    /// <paramref name="stderr"/> lines for its warnings).
    /// </summary>
    /// <param name="package">The GoPackage value, for messages.</param>
    /// <param name="patterns">What go got.</param>
    /// <param name="stdout">go list's output lines.</param>
    /// <param name="stderr">go list's warning lines.</param>
    /// <param name="outputName">GoOutputName when the user set it; empty otherwise.</param>
    /// <exception cref="GoBuildException">
    /// GOB2041 (a pattern matched no package), GOB2042 (GoOutputName with more than one package),
    /// GOB2043 (two commands with one name would overwrite each other).
    /// </exception>
    public static GoPackageSelection FromList(string package, IReadOnlyList<string> patterns, IEnumerable<string> stdout, IEnumerable<string> stderr, string? outputName)
    {
        foreach (string line in stderr)
        {
            // go: warning: "./cmd/..." matched no packages
            int end = line.IndexOf("\" matched no packages", StringComparison.Ordinal);
            int start = line.IndexOf('"');
            if (end > start && start >= 0)
            {
                throw new GoBuildException("PackagePatternMatchesNothing", package, line.Substring(start + 1, end - start - 1), "no package");
            }
        }

        var packages = new List<GoSelectedPackage>();
        foreach (string line in stdout)
        {
            string[] fields = line.Split('\t');
            if (fields.Length < 5)
            {
                continue;
            }

            string importPath = fields[0].Trim(), name = fields[1].Trim(), dir = fields[2].Trim(), error = string.Join(" ", fields.Skip(4)).Trim();
            if (name.Length == 0)
            {
                // No package at all there (a folder that does not exist, or holds no Go file for these tags).
                throw new GoBuildException("PackagePatternMatchesNothing", package, importPath, error.Length == 0 ? "no package" : error);
            }

            GoPackageKind kind = name == "main" ? GoPackageKind.Command : fields[3].Trim().All(c => c == '0') ? GoPackageKind.TestsOnly : GoPackageKind.Library;
            if (!packages.Any(p => p.ImportPath == importPath))
            {
                packages.Add(new GoSelectedPackage(importPath, kind, dir));
            }
        }

        if (packages.Count == 0)
        {
            throw new GoBuildException("PackagePatternMatchesNothing", package, string.Join(";", patterns), "no package");
        }

        if (!string.IsNullOrWhiteSpace(outputName) && (packages.Count(p => p.Kind == GoPackageKind.Command) > 1 || !IsSinglePackage(patterns)))
        {
            throw new GoBuildException("OutputNameNeedsOnePackage", outputName!.Trim(), package, string.Join(", ", packages.Where(p => p.Kind == GoPackageKind.Command).Select(p => p.ImportPath)));
        }

        var byName = packages.Where(p => p.Kind == GoPackageKind.Command).GroupBy(p => p.CommandName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (byName != null)
        {
            throw new GoBuildException("CommandNameClash", package, byName.Key, string.Join(", ", byName.Select(p => p.ImportPath)));
        }

        return new GoPackageSelection(patterns, packages);
    }

    /// <summary>The record: one row per package, <c>kind|import path|command name|folder</c>.</summary>
    public IEnumerable<string> ToRecord() => Packages.Select(p => RecordFile.Row(
        p.Kind switch { GoPackageKind.Command => "command", GoPackageKind.Library => "library", _ => "tests" },
        p.ImportPath,
        p.Kind == GoPackageKind.Command ? p.CommandName : string.Empty,
        p.Directory));

    /// <summary>
    /// go's name for a command's program (cmd/go's <c>load.DefaultExecName</c>): the import path's last
    /// element, or the one before it when that is a major version (<c>example.com/tool/v2</c> → tool).
    /// </summary>
    public static string DefaultExecName(string importPath)
    {
        string[] parts = importPath.Split('/');
        string last = parts[parts.Length - 1];
        return parts.Length > 1 && IsVersionElement(last) ? parts[parts.Length - 2] : last;
    }

    private static bool IsVersionElement(string s)
    {
        if (s.Length < 2 || s[0] != 'v' || s[1] == '0' || (s[1] == '1' && s.Length == 2))
        {
            return false;
        }

        return s.Skip(1).All(c => c >= '0' && c <= '9');
    }
}
