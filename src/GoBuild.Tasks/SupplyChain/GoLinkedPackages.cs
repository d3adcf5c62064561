using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>A package of a build's import graph: its module (<c>std</c> for the standard library) and its imports.</summary>
public sealed class GoLinkedPackage
{
    /// <summary>Creates the package; <paramref name="module"/> is the record's field: <c>path[@version][=&gt;path[@version]]</c> or <c>std</c>.</summary>
    public GoLinkedPackage(string importPath, string module, IReadOnlyList<string> imports)
    {
        ImportPath = importPath;
        string[] sides = module.Split(new[] { "=>" }, 2, StringSplitOptions.None);
        int at = sides[0].IndexOf('@');
        Module = at >= 0 ? sides[0].Substring(0, at) : sides[0];
        ModuleVersion = at >= 0 ? sides[0].Substring(at + 1) : string.Empty;
        Replacement = sides.Length > 1 ? sides[1] : string.Empty;
        Imports = imports;
    }

    /// <summary>The module's version (empty for the main module and the standard library).</summary>
    public string ModuleVersion { get; }

    /// <summary>The replacement as <c>path[@version]</c>, when go.mod replaces the module.</summary>
    public string Replacement { get; }

    /// <summary>The import path.</summary>
    public string ImportPath { get; }

    /// <summary>The module path; <see cref="GoLinkedPackages.StandardLibrary"/> for the standard library; empty outside a module.</summary>
    public string Module { get; }

    /// <summary>The packages it imports.</summary>
    public IReadOnlyList<string> Imports { get; }
}

/// <summary>
/// The packages a build links and which module each comes from, recorded per target by the build
/// itself: the <c>go list -deps</c> the build already runs to record its inputs prints these fields
/// too, so the audit and the SBOM cost no process of their own. The record is the import graph
/// of every main package the target built; <see cref="ReachableFrom"/> cuts out one binary's part.
/// </summary>
public sealed class GoLinkedPackages
{
    /// <summary>The module name of standard-library packages in the record.</summary>
    public const string StandardLibrary = "std";

    /// <summary>How many tab-separated fields of each <see cref="ListTemplate"/> line belong to the record; the rest is GoPackageInputs' line.</summary>
    public const int FieldCount = 3;

    /// <summary>
    /// The fields of this record, then GoPackageInputs' own fields, so one go list serves both.
    /// </summary>
    public const string ListTemplate = "{{.ImportPath}}\t{{if .Standard}}std{{else}}{{with .Module}}{{.Path}}{{if .Version}}@{{.Version}}{{end}}{{with .Replace}}=>{{.Path}}{{if .Version}}@{{.Version}}{{end}}{{end}}{{end}}{{end}}\t{{join .Imports \" \"}}\t";

    private const string OutputHeader = "output ";

    private readonly Dictionary<string, GoLinkedPackage> _packages;

    private GoLinkedPackages(string output, Dictionary<string, GoLinkedPackage> packages)
    {
        Output = output;
        _packages = packages;
    }

    /// <summary>The output path (file or folder) the recorded build wrote.</summary>
    public string Output { get; }

    /// <summary>Every recorded package by import path.</summary>
    public IReadOnlyDictionary<string, GoLinkedPackage> Packages => _packages;

    /// <summary>
    /// The go list arguments for one build: this record's fields followed by
    /// <paramref name="inputsTemplate"/> (GoPackageInputs'), for the build's tags.
    /// </summary>
    public static IReadOnlyList<string> ListArguments(string package, IReadOnlyList<string> tags, string inputsTemplate) =>
        ListArguments(new[] { package }, tags, inputsTemplate);

    /// <summary>The same for a build of several packages (GoPackage patterns): one go list for all.</summary>
    public static IReadOnlyList<string> ListArguments(IReadOnlyList<string> packages, IReadOnlyList<string> tags, string inputsTemplate)
    {
        var args = new List<string> { "list", "-deps" };
        string[] clean = tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        if (clean.Length > 0)
        {
            // The same tags as the build: they decide which files, and so which imports, are linked.
            args.Add("-tags=" + string.Join(",", clean));
        }

        args.Add("-f");
        args.Add(ListTemplate + inputsTemplate);
        args.AddRange(packages);
        return args;
    }

    /// <summary>Splits one line of that output into this record's line and GoPackageInputs' line.</summary>
    public static (string RecordLine, string InputsLine) SplitLine(string line)
    {
        int at = -1;
        for (int i = 0; i < FieldCount; i++)
        {
            at = line.IndexOf('\t', at + 1);
            if (at < 0)
            {
                return (line, string.Empty);
            }
        }

        return (line.Substring(0, at), line.Substring(at + 1));
    }

    /// <summary>The record text for the lines of one build that wrote <paramref name="output"/>.</summary>
    public static string ToRecord(string output, IEnumerable<string> recordLines)
    {
        var sb = new StringBuilder();
        sb.Append(OutputHeader).Append(Path.GetFullPath(output)).Append('\n');
        foreach (string line in recordLines.Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal))
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Reads a record; null when it is not one.</summary>
    public static GoLinkedPackages? Parse(string text)
    {
        string[] lines = text.Split('\n');
        if (lines.Length == 0 || !lines[0].StartsWith(OutputHeader, StringComparison.Ordinal))
        {
            return null;
        }

        var packages = new Dictionary<string, GoLinkedPackage>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 2 || f[0].Length == 0)
            {
                continue;
            }

            string[] imports = f.Length > 2 ? f[2].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
            packages[f[0]] = new GoLinkedPackage(f[0], f[1], imports);
        }

        return new GoLinkedPackages(lines[0].Substring(OutputHeader.Length).TrimEnd('\r'), packages);
    }

    /// <summary>Reads the record at <paramref name="path"/>; null when it is missing or unreadable.</summary>
    public static GoLinkedPackages? Load(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether this record describes the build of <paramref name="binaryPath"/>: written to it, or to its folder (several commands in one go build).</summary>
    public bool Describes(string binaryPath)
    {
        string full = Path.GetFullPath(binaryPath);
        string output = Output.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return string.Equals(full, output, StringComparison.Ordinal)
            || string.Equals(Path.GetDirectoryName(full), output, StringComparison.Ordinal);
    }

    /// <summary>The packages linked into the binary whose main package is <paramref name="mainPackage"/>; null when the record does not hold it.</summary>
    public IReadOnlyList<GoLinkedPackage>? ReachableFrom(string mainPackage)
    {
        if (!_packages.ContainsKey(mainPackage))
        {
            return null;
        }

        // Besides the main package, the linker adds packages nobody imports (runtime, runtime/cgo):
        // the standard-library roots of the graph. Other roots are the target's other commands.
        var imported = new HashSet<string>(_packages.Values.SelectMany(p => p.Imports), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (string root in _packages.Values.Where(p => p.Module == StandardLibrary && !imported.Contains(p.ImportPath)).Select(p => p.ImportPath).Prepend(mainPackage))
        {
            if (seen.Add(root))
            {
                queue.Enqueue(root);
            }
        }

        var result = new List<GoLinkedPackage>();
        while (queue.Count > 0)
        {
            GoLinkedPackage package = _packages[queue.Dequeue()];
            result.Add(package);
            foreach (string import in package.Imports)
            {
                if (_packages.ContainsKey(import) && seen.Add(import))
                {
                    queue.Enqueue(import);
                }
            }
        }

        return result.OrderBy(p => p.ImportPath, StringComparer.Ordinal).ToList();
    }
}
