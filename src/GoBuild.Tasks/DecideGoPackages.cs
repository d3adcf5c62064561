using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Decides what GoPackage selects, with one <c>go list</c>: the commands (package main) and the
/// libraries, and so the shape of the build (one program named by GoOutputName, several named after
/// their folders, or libraries only). Writes the packages record the targets read, so a no-op build
/// knows every output without go; it runs again only when the settings or a Go file under the
/// selection change (<c>&lt;record&gt;.inputs</c>: include patterns of those files).
/// </summary>
public sealed class DecideGoPackages : GoTaskBase
{
    /// <summary>GoPackage: a folder, an import path, a pattern, or a <c>;</c>-list of them.</summary>
    public string? Package { get; set; }

    /// <summary>GoTags: they decide which files, and so which package clauses, count.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>GoOutputName as the user set it (empty when defaulted): it needs a single package.</summary>
    public string? OutputName { get; set; }

    /// <summary>MSBuildProjectName, for the message of <see cref="PackRecordOf"/>.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>GoBuildMode: several commands build only as exe or pie.</summary>
    public string? BuildMode { get; set; }

    /// <summary>
    /// The packages record: first row <c>shape|single|commands|library</c>, then one row per package
    /// (<see cref="GoPackageSelection.ToRecord"/>).
    /// </summary>
    [Required]
    public string Record { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        if (GoModule.FindRoot(ProjectDirectory) == null)
        {
            throw new GoBuildException("NoGoMod", ProjectDirectory);
        }

        string buildMode = GoBuildOptions.ParseBuildMode(BuildMode);
        IReadOnlyList<string> patterns = GoPackageSelection.ParsePatterns(ProjectDirectory, Package);
        string[] tags = Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(t => t.Trim()).ToArray();
        GoToolchain toolchain = OpenToolchain();
        Dictionary<string, string> env = LoadEnvironment(toolchain);
        env["CGO_ENABLED"] = GoBuildOptions.CgoDefault(buildMode) ? "1" : "0";

        IReadOnlyList<string> arguments = GoPackageSelection.ListArguments(patterns, tags);
        Log.LogMessage(MessageImportance.Normal, "{0} {1}", toolchain.Executable, CommandLine.Join(arguments));
        var stdout = new List<string>();
        var stderr = new List<string>();
        int exitCode = new GoProcessRunner(toolchain.Executable).Run(arguments, ProjectDirectory, env, (line, isError) => (isError ? stderr : stdout).Add(line), CancellationToken);
        if (exitCode != 0)
        {
            Log.LogErrorWithCodeFromResources("GoFailed", "list", exitCode, string.Join(Environment.NewLine, stderr.Concat(stdout).Take(20)));
            return;
        }

        GoPackageSelection selection = GoPackageSelection.FromList(Package ?? ".", patterns, stdout, stderr, OutputName);
        int commands = selection.Commands.Count();
        string shape = commands == 0 ? "library" : commands == 1 && GoPackageSelection.IsSinglePackage(patterns) ? "single" : "commands";
        if (shape == "commands" && buildMode != "exe" && buildMode != "pie")
        {
            throw new GoBuildException("CommandsNeedExe", Package ?? ".", buildMode, string.Join(", ", selection.Commands.Select(c => c.ImportPath)));
        }

        if (shape == "library" && buildMode != "exe" && buildMode != "pie")
        {
            // c-shared, c-archive and wasi-reactor link a main package; go's own message would be "-buildmode requires exactly one main package".
            throw new GoBuildException("CommandsNeedExe", Package ?? ".", buildMode, "no main package");
        }

        RecordFile.Write(Record, new[] { RecordFile.Row("shape", shape, string.Empty, string.Empty) }.Concat(selection.ToRecord()));

        // What dotnet pack says of a library (GOB5011), decided here with the shape: pack reads it
        // and raises the error without loading a task.
        RecordFile.Write(PackRecordOf(Record), shape == "library" ? new[] { Resources.Format("NothingToPack", ProjectName, Package ?? ".") } : Array.Empty<string>());
        RecordFile.Write(RecordFile.InputsOf(Record), new[] { InputPatterns(patterns, selection) });
        Log.LogMessageFromResources(MessageImportance.Normal, "PackagesDecided", Package ?? ".", shape, commands, selection.Libraries.Count());
    }

    /// <summary>
    /// The record of what <c>dotnet pack</c> reports for the shape: one <c>GOBnnnn: message</c> line
    /// for a library (nothing native to pack), empty otherwise.
    /// </summary>
    public static string PackRecordOf(string record) => record + ".pack";

    // The files whose change can change the decision: every .go file of a selected package (its
    // package clause), and for a pattern every .go file under its folder (a new package there).
    private string InputPatterns(IReadOnlyList<string> patterns, GoPackageSelection selection)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (GoSelectedPackage package in selection.Packages)
        {
            result.Add(GoPackageInputs.Escape(package.Directory) + "/*.go");
        }

        foreach (string pattern in patterns.Where(p => p.IndexOf("...", StringComparison.Ordinal) >= 0))
        {
            string prefix = pattern.Substring(0, pattern.IndexOf("...", StringComparison.Ordinal)).TrimEnd('/');
            string? root = pattern.StartsWith(".", StringComparison.Ordinal)
                ? Path.GetFullPath(Path.Combine(ProjectDirectory, prefix.Length == 0 ? "." : prefix))
                : GoModule.FindRoot(ProjectDirectory);
            if (root != null)
            {
                result.Add(GoPackageInputs.Escape(root.TrimEnd(Path.DirectorySeparatorChar)) + "/**/*.go");
            }
        }

        var text = new StringBuilder();
        foreach (string pattern in result)
        {
            text.Append(pattern).Append(';');
        }

        return text.ToString();
    }
}
