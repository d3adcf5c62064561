using System;
using System.IO;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBuild.Tasks;

/// <summary>
/// Resolves the Go toolchain of a project: the pinned version (GoToolchainVersion, else
/// go.work/go.mod), from the per-user cache, or downloaded from the mirror, verified by SHA-256
/// and unpacked safely. With <see cref="ToolchainRoot"/> set it only checks that that GOROOT's
/// version satisfies <see cref="Version"/>. Writes the toolchain record (<see cref="Record"/>) that
/// every later target reads, with the files the decision read, so it is made again only when one
/// of them or a setting changes.
/// </summary>
public sealed class EnsureGoToolchain : CodedTask
{
    /// <summary>The project folder (go.mod and go.work are looked up from here).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>GoToolchainVersion.</summary>
    public string? Version { get; set; }

    /// <summary>GoToolchainMirror.</summary>
    public string? Mirror { get; set; }

    /// <summary>GoToolchainAllowHttp.</summary>
    public string? AllowHttp { get; set; }

    /// <summary>GoToolchainSha256.</summary>
    public string? Sha256 { get; set; }

    /// <summary>GoToolchainCacheDir; empty for the per-user default.</summary>
    public string? CacheDir { get; set; }

    /// <summary>GoToolchainOffline.</summary>
    public string? Offline { get; set; }

    /// <summary>DesignTimeBuild: never download, never fail on a miss.</summary>
    public bool DesignTime { get; set; }

    /// <summary>GoToolchainRoot: when set, only verify its version against <see cref="Version"/>.</summary>
    public string? ToolchainRoot { get; set; }

    /// <summary>The host GOOS (from the targets, so the fast path and the task agree); empty to detect.</summary>
    public string? HostOS { get; set; }

    /// <summary>The host GOARCH; empty to detect.</summary>
    public string? HostArch { get; set; }

    /// <summary>
    /// Where to write the toolchain record: one row <c>version|root|cache</c> (cache empty for a
    /// GoToolchainRoot; all empty after a design-time miss), plus <c>.inputs</c> and <c>.absent</c>.
    /// </summary>
    public string? Record { get; set; }

    /// <summary>GoWorkspace: <c>auto</c> (or empty), <c>off</c>, or the path of a go.work file.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// Where to write the workspace record: one row <c>GOWORK value|root|vendor|module root</c> (the go.work path
    /// or <c>off</c>; the go.work folder or the module root; whether vendor/modules.txt sits next to
    /// go.work or, in module mode, in the module root; the folder of the nearest go.mod, with a trailing
    /// separator, empty without one), and <c>&lt;record&gt;.modules</c>, the folder of every module of the build.
    /// </summary>
    public string? WorkspaceRecord { get; set; }

    /// <summary>The GOROOT, with a trailing separator; empty after a design-time miss.</summary>
    [Output]
    public string ResolvedRoot { get; private set; } = string.Empty;

    /// <summary>The version, as go reports it (go1.26.11).</summary>
    [Output]
    public string ResolvedVersion { get; private set; } = string.Empty;

    /// <summary>The toolchain cache holding <see cref="ResolvedRoot"/>; empty for a GoToolchainRoot.</summary>
    [Output]
    public string ResolvedCacheRoot { get; private set; } = string.Empty;

    /// <inheritdoc/>
    protected override string CancelledResourceName => "ToolchainCancelled";

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        try
        {
            Resolve();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new GoBuildException("ToolchainIOError", CacheDir ?? string.Empty, ex.Message);
        }
    }

    private void Resolve()
    {
        // The workspace first: its go.work's toolchain and go lines choose the toolchain.
        var workspaceInputs = new DecisionInputs();

        // The module root every later target reads from the record (so no target finds it again): a
        // go.mod appearing nearer the project, or this one going away, re-decides.
        string? goMod = GoModule.FindAbove(ProjectDirectory, "go.mod", workspaceInputs.Absent);
        if (goMod != null)
        {
            workspaceInputs.Read.Add(goMod);
        }

        string? moduleRoot = goMod == null ? null : Path.GetDirectoryName(goMod);
        GoWorkspace? workspace = moduleRoot == null ? null : GoWorkspace.Decide(Workspace, ProjectDirectory, moduleRoot, workspaceInputs);
        ResolveToolchain(workspace, workspaceInputs);
        if (workspace != null && ResolvedVersion.Length > 0)
        {
            workspace.RequireToolchain(GoVersion.TryParse(ResolvedVersion)!);
        }

        if (!string.IsNullOrWhiteSpace(WorkspaceRecord))
        {
            RecordFile.Write(WorkspaceRecord!, new[]
            {
                workspace == null
                    ? RecordFile.Row("off", Path.GetFullPath(ProjectDirectory), "false", string.Empty)
                    : RecordFile.Row(workspace.GoWorkValue, workspace.Root, workspace.VendorManifest != null ? "true" : "false", workspace.ModuleRoot + Path.DirectorySeparatorChar),
            });
            RecordFile.Write(WorkspaceRecord + ".modules", workspace?.ModuleRoots ?? Array.Empty<string>());
        }
    }

    private void ResolveToolchain(GoWorkspace? workspace, DecisionInputs workspaceInputs)
    {
        if (!string.IsNullOrWhiteSpace(ToolchainRoot))
        {
            GoToolchain toolchain = GoToolchain.Open(Path.Combine(ProjectDirectory, ToolchainRoot!.Trim()));
            if (!string.IsNullOrWhiteSpace(Version))
            {
                ToolchainResolver.VerifyRoot(toolchain.Root, toolchain.Version, Version!);
            }

            SetOutputs(toolchain.Root, toolchain.Version, string.Empty);
            var inputs = new DecisionInputs();
            inputs.Read.Add(Path.Combine(toolchain.Root, "VERSION"));
            inputs.Read.Add(toolchain.Executable);
            WriteRecord(inputs, workspaceInputs);
            return;
        }

        bool windows = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);
        var settings = new ToolchainSettings
        {
            ProjectDirectory = ProjectDirectory,
            Version = Version,
            Mirror = Mirror,
            AllowHttp = GoBuildOptions.ParseBool("GoToolchainAllowHttp", AllowHttp, false),
            Sha256 = Sha256,
            CacheDir = string.IsNullOrWhiteSpace(CacheDir) ? ToolchainCache.DefaultRoot(Environment.GetEnvironmentVariable, windows) : CacheDir!,
            Offline = GoBuildOptions.ParseBool("GoToolchainOffline", Offline, false),
            DesignTime = DesignTime,
            Host = string.IsNullOrEmpty(HostOS) || string.IsNullOrEmpty(HostArch) ? HostPlatform.Current : new HostPlatform(HostOS!, HostArch!),
            WorkFile = workspace?.WorkFile,
            WorkFileDecided = workspace != null,
        };

        var resolver = new ToolchainResolver(settings, new TaskLog(Log));
        ResolvedToolchain? resolved = resolver.Resolve(CancellationToken, SelectOncePerBuild);
        if (resolved != null)
        {
            Log.LogMessageFromResources(MessageImportance.Normal, "ToolchainResolved", resolved.Version, resolved.Root, resolved.Source);
            SetOutputs(resolved.Root, resolved.Version, resolved.CacheRoot);
        }

        WriteRecord(resolver.Inputs, workspaceInputs);
    }

    private void WriteRecord(DecisionInputs inputs, DecisionInputs workspaceInputs)
    {
        if (string.IsNullOrWhiteSpace(Record))
        {
            return;
        }

        // One decision, one set of inputs: a go.work edited or appearing re-decides both.
        inputs.Read.AddRange(workspaceInputs.Read);
        inputs.Absent.AddRange(workspaceInputs.Absent);
        RecordFile.Write(Record!, new[] { RecordFile.Row(ResolvedVersion, ResolvedRoot, ResolvedCacheRoot) });
        RecordFile.WriteInputs(Record!, inputs);
    }

    /// <summary>A floating version is settled once per build (per MSBuild node) and shared by every project.</summary>
    private GoVersion? SelectOncePerBuild(string key, Func<GoVersion?> select)
    {
        var engine = BuildEngine as IBuildEngine4;
        if (engine?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is GoVersion known)
        {
            return known;
        }

        GoVersion? selected = select();
        if (selected != null)
        {
            engine?.RegisterTaskObject(key, selected, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        }

        return selected;
    }

    private void SetOutputs(string root, string version, string cacheRoot)
    {
        ResolvedRoot = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        ResolvedVersion = version;
        ResolvedCacheRoot = cacheRoot;
    }

    private sealed class TaskLog : IToolchainLog
    {
        private readonly TaskLoggingHelper _log;

        public TaskLog(TaskLoggingHelper log) => _log = log;

        public void Important(string resourceName, params object[] args) => _log.LogMessageFromResources(MessageImportance.High, resourceName, args);

        public void Normal(string resourceName, params object[] args) => _log.LogMessageFromResources(MessageImportance.Normal, resourceName, args);

        public void Detail(string resourceName, params object[] args) => _log.LogMessageFromResources(MessageImportance.Low, resourceName, args);
    }
}
