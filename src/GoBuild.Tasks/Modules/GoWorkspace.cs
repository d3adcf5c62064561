using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The GoWorkspace decision: whether go runs in module mode (GOWORK=off) or in a go.work workspace,
/// and which. <c>auto</c> takes the go.work go itself would find (the nearest at or above the module
/// root), <c>off</c> none, anything else is the path of a go.work file. Never taken from the GOWORK
/// environment variable: the SDK sets GOWORK for every go it starts from this decision.
/// </summary>
public sealed class GoWorkspace
{
    private GoWorkspace(string moduleRoot, string? workFile, GoModFile? work, IReadOnlyList<string> moduleRoots)
    {
        ModuleRoot = moduleRoot;
        WorkFile = workFile;
        Work = work;
        ModuleRoots = moduleRoots;
    }

    /// <summary>The project's module root (the folder of the nearest go.mod).</summary>
    public string ModuleRoot { get; }

    /// <summary>The go.work file in workspace mode; null in module mode.</summary>
    public string? WorkFile { get; }

    /// <summary>The parsed go.work; null in module mode.</summary>
    public GoModFile? Work { get; }

    /// <summary>Whether go runs in workspace mode.</summary>
    public bool IsWorkspace => WorkFile != null;

    /// <summary>The GOWORK value every go child gets: the go.work path, or <c>off</c>.</summary>
    public string GoWorkValue => WorkFile ?? "off";

    /// <summary>
    /// The folder that identifies what a restore covers: the go.work folder in workspace mode, else
    /// the module root. Restores of projects that share it are one restore (and one lock).
    /// </summary>
    public string Root => WorkFile != null ? Path.GetDirectoryName(WorkFile)! : ModuleRoot;

    /// <summary>Every module of the build: the workspace's <c>use</c> folders, or the module root alone.</summary>
    public IReadOnlyList<string> ModuleRoots { get; }

    /// <summary>The checksum file of the workspace (go.work.sum next to go.work); null in module mode.</summary>
    public string? WorkSumFile => WorkFile == null ? null : Path.Combine(Root, "go.work.sum");

    /// <summary>
    /// vendor/modules.txt of a <c>go work vendor</c> layout (vendor/ next to go.work), or of the
    /// module in module mode; null when there is none. Its presence makes the default GoModMode vendor.
    /// </summary>
    public string? VendorManifest
    {
        get
        {
            string manifest = Path.Combine(Root, "vendor", "modules.txt");
            return File.Exists(manifest) ? manifest : null;
        }
    }

    /// <summary>
    /// The module mode go gets: GoModMode as set, or, when it was defaulted (readonly), vendor where
    /// <see cref="VendorManifest"/> exists (a vendoring module or a <c>go work vendor</c> layout).
    /// </summary>
    public static string? ModMode(GoWorkspace? workspace, string? modMode, bool defaulted) =>
        defaulted && workspace?.VendorManifest != null ? "vendor" : modMode;

    private static StringComparison PathComparison =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    /// <summary>
    /// Decides the workspace of the module at <paramref name="moduleRoot"/> for the GoWorkspace value
    /// <paramref name="setting"/> (a relative path is relative to <paramref name="projectDirectory"/>).
    /// The files read and the ones looked for in vain go to <paramref name="inputs"/>.
    /// </summary>
    /// <exception cref="GoBuildException">
    /// GOB3020 (the named file does not exist), GOB3021 (go.work malformed), GOB3022 (the module is not
    /// in its <c>use</c> list), GOB3024 (a <c>use</c> folder holds no go.mod).
    /// </exception>
    public static GoWorkspace Decide(string? setting, string projectDirectory, string moduleRoot, DecisionInputs inputs)
    {
        string root = Path.GetFullPath(moduleRoot).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string value = (setting ?? string.Empty).Trim();
        string? workFile;
        if (value.Length == 0 || string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase))
        {
            workFile = GoModule.FindAbove(root, "go.work", inputs.Absent);
        }
        else if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
        {
            workFile = null;
        }
        else
        {
            workFile = Path.GetFullPath(Path.Combine(projectDirectory, value));
            if (!File.Exists(workFile))
            {
                throw new GoBuildException("WorkspaceFileMissing", value, workFile);
            }
        }

        if (workFile == null)
        {
            return WithVendorNoted(new GoWorkspace(root, null, null, new[] { root }), inputs);
        }

        inputs.Read.Add(workFile);
        GoModFile work = GoModFile.LoadWork(workFile);
        if (work.Problems.Count > 0)
        {
            throw new GoBuildException("WorkspaceFileInvalid", workFile, string.Join("; ", work.Problems));
        }

        string workDir = Path.GetDirectoryName(workFile)!;
        var modules = new List<string>();
        foreach (string use in work.Uses)
        {
            string folder = Path.GetFullPath(Path.Combine(workDir, use)).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            string goMod = Path.Combine(folder, "go.mod");
            if (!File.Exists(goMod))
            {
                throw new GoBuildException("WorkspaceUseHasNoModule", workFile, use, goMod);
            }

            inputs.Read.Add(goMod);
            if (!modules.Any(m => string.Equals(m, folder, PathComparison)))
            {
                modules.Add(folder);
            }
        }

        if (!modules.Any(m => string.Equals(m, root, PathComparison)))
        {
            throw new GoBuildException("WorkspaceModuleNotUsed", root, workFile, UseArgument(workDir, root));
        }

        return WithVendorNoted(new GoWorkspace(root, workFile, work, modules), inputs);
    }

    // Whether vendor/modules.txt exists decides the default module mode (ModMode): its appearance or
    // removal must re-decide like a go.work's does.
    private static GoWorkspace WithVendorNoted(GoWorkspace workspace, DecisionInputs inputs)
    {
        string? manifest = workspace.VendorManifest;
        if (manifest != null)
        {
            inputs.Read.Add(manifest);
        }
        else
        {
            inputs.Absent.Add(Path.Combine(workspace.Root, "vendor", "modules.txt"));
        }

        return workspace;
    }

    /// <summary>
    /// Fails with GOB3023 when go.work's <c>go</c> line asks for a newer Go than
    /// <paramref name="toolchain"/> (go itself would refuse to load the workspace).
    /// </summary>
    public void RequireToolchain(GoVersion toolchain)
    {
        if (Work == null || Work.GoVersion.Length == 0)
        {
            return;
        }

        GoVersion? wanted = GoVersion.TryParse(Work.GoVersion);
        if (wanted == null)
        {
            throw new GoBuildException("WorkspaceFileInvalid", WorkFile!, "go " + Work.GoVersion + ": not a Go version");
        }

        if (wanted.CompareTo(toolchain) > 0)
        {
            throw new GoBuildException("WorkspaceNeedsNewerGo", WorkFile!, Work.GoVersion, toolchain.ToolchainName);
        }
    }

    /// <summary>The record row: <c>workspace|&lt;go.work&gt;|&lt;root&gt;</c> or <c>module|off|&lt;module root&gt;</c>.</summary>
    public string ToRecordRow() => RecordFile.Row(IsWorkspace ? "workspace" : "module", GoWorkValue, Root);

    // What to type in the go.work folder: the module's folder relative to it, ./-prefixed as go writes it.
    private static string UseArgument(string workDir, string moduleRoot)
    {
        string relative = RelativePath(workDir, moduleRoot).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? relative : "./" + relative;
    }

    private static string RelativePath(string from, string to)
    {
        var fromUri = new Uri(from.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        var toUri = new Uri(to.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        string relative = Uri.UnescapeDataString(fromUri.MakeRelativeUri(toUri).ToString()).TrimEnd('/');
        return relative.Length == 0 ? "." : relative;
    }
}
