using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// What restore and verification check: in module mode the module's go.mod and go.sum; in workspace
/// mode every workspace module's requirements as one (<see cref="GoModFile.ForWorkspace"/>) and the
/// hashes of every module's go.sum plus go.work.sum, as go reads them there.
/// </summary>
public sealed class ModuleSet
{
    private ModuleSet(string root, string? workFile, GoModFile goMod, GoSumFile? goSum, IReadOnlyList<string> moduleRoots)
    {
        Root = root;
        WorkFile = workFile;
        GoMod = goMod;
        GoSum = goSum;
        ModuleRoots = moduleRoots;
    }

    /// <summary>The module root, or the go.work folder: what one restore covers (and its lock).</summary>
    public string Root { get; }

    /// <summary>The go.work file; null in module mode.</summary>
    public string? WorkFile { get; }

    /// <summary>The requirements (the module's go.mod, or the workspace's combined).</summary>
    public GoModFile GoMod { get; }

    /// <summary>The hashes; null when no checksum file exists.</summary>
    public GoSumFile? GoSum { get; }

    /// <summary>The folders of the modules of the build.</summary>
    public IReadOnlyList<string> ModuleRoots { get; }

    /// <summary>
    /// Loads the set for the module at <paramref name="moduleRoot"/>; <paramref name="workFile"/> is the
    /// workspace decision's go.work, or null for module mode.
    /// </summary>
    public static ModuleSet Load(string moduleRoot, string? workFile)
    {
        if (workFile == null)
        {
            string sumPath = Path.Combine(moduleRoot, "go.sum");
            return new ModuleSet(moduleRoot, null, GoModFile.Load(Path.Combine(moduleRoot, "go.mod")), File.Exists(sumPath) ? GoSumFile.Load(sumPath) : null, new[] { moduleRoot });
        }

        GoWorkspace workspace = GoWorkspace.Decide(workFile, moduleRoot, moduleRoot, new Records.DecisionInputs());
        var modules = workspace.ModuleRoots.Select(m => GoModFile.Load(Path.Combine(m, "go.mod"))).ToList();
        var sums = workspace.ModuleRoots.Select(m => Path.Combine(m, "go.sum")).Append(workspace.WorkSumFile!).Where(File.Exists).ToList();
        GoSumFile? goSum = null;
        if (sums.Count > 0)
        {
            var text = new StringBuilder();
            foreach (string sum in sums)
            {
                text.Append(File.ReadAllText(sum)).Append('\n');
            }

            goSum = GoSumFile.Parse(text.ToString());
        }

        return new ModuleSet(workspace.Root, workspace.WorkFile, GoModFile.ForWorkspace(workspace.Work!, modules), goSum, workspace.ModuleRoots);
    }

    /// <summary>
    /// go.work for a copy elsewhere: the same directives with every
    /// <c>use</c> and local <c>replace</c> folder made absolute, so go can work on a copy (with a copy
    /// of go.work.sum next to it) and never write the workspace's own files.
    /// </summary>
    public string RelocatedWorkText()
    {
        string dir = Path.GetDirectoryName(WorkFile!)!;
        var text = new StringBuilder();
        if (GoMod.GoVersion.Length > 0)
        {
            text.Append("go ").Append(GoMod.GoVersion).Append('\n');
        }

        if (GoMod.Toolchain.Length > 0)
        {
            text.Append("toolchain ").Append(GoMod.Toolchain).Append('\n');
        }

        foreach (string module in ModuleRoots)
        {
            text.Append("use ").Append(Quote(module)).Append('\n');
        }

        GoModFile work = GoModFile.LoadWork(WorkFile!);
        foreach (GoModReplace replace in work.Replaces)
        {
            string old = Quote(replace.Old.Path) + (replace.Old.Version.Length > 0 ? " " + replace.Old.Version : string.Empty);
            string @new = replace.IsLocal
                ? Quote(Path.GetFullPath(Path.Combine(dir, replace.New.Path)))
                : Quote(replace.New.Path) + " " + replace.New.Version;
            text.Append("replace ").Append(old).Append(" => ").Append(@new).Append('\n');
        }

        return text.ToString();
    }

    // go.mod syntax: a folder with spaces or quotes goes in a Go string.
    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\\' || c == '(' || c == ')')
            ? "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : value;
}
