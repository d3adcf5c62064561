using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Testing;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// The build decision: checks every build and platform setting, selects the targets
/// (<see cref="TargetMatrix"/>), names their outputs and writes what it decided as records under
/// the intermediate folder (write-only-when-different; docs/design.md lists them): one
/// <c>&lt;key&gt;.target</c> per target with every setting of that target, <c>targets</c> (a row
/// per target for the targets to read), <c>outputs</c> (every file the build writes), and the
/// environment of every go the build starts (<c>&lt;key&gt;.env</c>, <c>restore.env</c>,
/// <c>verify.env</c>, <c>test.env</c>, <c>exports.env</c>: <see cref="EnvironmentRecord"/>). It runs
/// no go and needs no toolchain, so clean, publish and pack can ask for it too. The targets run it
/// only when the raw settings it reads changed (their stamp <c>build.settings</c>).
/// </summary>
public sealed class CrossCompile : CodedTask
{
    /// <summary>The project folder.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Where the records go (<c>$(_GoBuildIntermediateDir)</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = string.Empty;

    /// <summary>OutDir.</summary>
    [Required]
    public string OutDir { get; set; } = string.Empty;

    /// <summary>GOOS of the machine the build runs on.</summary>
    [Required]
    public string HostGoOS { get; set; } = string.Empty;

    /// <summary>GOARCH of the machine the build runs on.</summary>
    [Required]
    public string HostGoArch { get; set; } = string.Empty;

    /// <summary>RuntimeIdentifier.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>RuntimeIdentifiers.</summary>
    public string? RuntimeIdentifiers { get; set; }

    /// <summary>GoTargetPlatforms.</summary>
    public string? TargetPlatforms { get; set; }

    /// <summary>GoTargetPlatform items (metadata GOARM, GOAMD64, GOARM64, RuntimeIdentifier, GoCCompiler, GoCgoEnabled).</summary>
    public ITaskItem[] TargetPlatformItems { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>GoOutputName.</summary>
    [Required]
    public string OutputName { get; set; } = string.Empty;

    /// <summary>GoPackage: a folder relative to the project, or an import path.</summary>
    public string? Package { get; set; }

    /// <summary>GoBuildMode.</summary>
    public string? BuildMode { get; set; }

    /// <summary>GoTrimPath.</summary>
    public string? TrimPath { get; set; }

    /// <summary>GoStrip.</summary>
    public string? Strip { get; set; }

    /// <summary>GoLdFlags.</summary>
    public string? LdFlags { get; set; }

    /// <summary>GoTags.</summary>
    public string? Tags { get; set; }

    /// <summary>GoBuildVcs.</summary>
    public string? BuildVcs { get; set; }

    /// <summary>GoCgoEnabled; empty for the build mode's default.</summary>
    public string? CgoEnabled { get; set; }

    /// <summary>GoCCompiler.</summary>
    public string? CCompiler { get; set; }

    /// <summary>A <c>go build -overlay</c> file (GoBuild.Interop.targets: the bindings' free function), or empty.</summary>
    public string? Overlay { get; set; }

    /// <summary>GoLinkerVariable items (Include = importpath.name, Value = value).</summary>
    public ITaskItem[] LinkerVariables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>GoEnvironment items: explicit extra variables (Include = name, Value = value).</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>GoModMode: readonly, vendor or mod.</summary>
    public string? ModMode { get; set; }

    /// <summary>Whether GoModMode was defaulted (not set by the user): a <c>go work vendor</c> tree then makes it vendor.</summary>
    public bool ModModeDefaulted { get; set; }

    /// <summary>GoWorkspace: <c>auto</c> (or empty), <c>off</c>, or the path of a go.work file; its GOWORK goes into every environment record.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// The packages record (DecideGoPackages: shape, then a row per package), when it exists: several
    /// commands are built into the target's folder and each is an output; a library writes a stamp only.
    /// </summary>
    public string? PackagesRecord { get; set; }

    /// <summary>GoModuleProxy: GOPROXY of restore (builds get off).</summary>
    public string? ModuleProxy { get; set; }

    /// <summary>GoChecksumDatabase: GOSUMDB.</summary>
    public string? ChecksumDatabase { get; set; }

    /// <summary>GoPrivateModules: GOPRIVATE.</summary>
    public string? PrivateModules { get; set; }

    /// <summary>GoBuildCacheDir: GOCACHE; empty for the per-user default.</summary>
    public string? BuildCacheDir { get; set; }

    /// <summary>GoModuleCacheDir: GOMODCACHE; empty for the per-user default.</summary>
    public string? ModuleCacheDir { get; set; }

    /// <summary>GoCacheProg: the command line of a GOCACHEPROG program.</summary>
    public string? CacheProg { get; set; }

    /// <summary>GoPassEnvironment: <c>;</c>-separated names of ambient variables go gets unchanged.</summary>
    public string? PassEnvironment { get; set; }

    /// <summary>GoBuildParallelism (checked here; the tasks that run go apply it).</summary>
    public string? Parallelism { get; set; }

    /// <summary>GoTestFlags: <c>-race</c> turns cgo on for go test.</summary>
    public string? TestFlags { get; set; }

    /// <summary>
    /// Every boolean property of the SDK (Include = its name, Value = its value), checked here so
    /// that <c>GoTrimPath=yes</c> fails before the toolchain step, restore or go run.
    /// </summary>
    public ITaskItem[] BooleanProperties { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        string directory = FullPath(IntermediateDirectory);
        foreach (ITaskItem property in BooleanProperties)
        {
            GoBuildOptions.ParseBool(property.ItemSpec, property.GetMetadata("Value"), false);
        }

        GoBuildOptions options = ParseOptions();
        RequirePackageInModule(options.Package);
        foreach (KeyValuePair<string, string> variable in options.LinkerVariables)
        {
            GoBuildArguments.ValidateVariableName(variable.Key);
        }

        var settings = new TargetMatrixSettings
        {
            RuntimeIdentifier = RuntimeIdentifier ?? string.Empty,
            RuntimeIdentifiers = RuntimeIdentifiers ?? string.Empty,
            TargetPlatforms = TargetPlatforms ?? string.Empty,
            Declared = TargetPlatformItems.Select(ToDeclared).ToArray(),
            HostGoOS = HostGoOS.Trim(),
            HostGoArch = HostGoArch.Trim(),
            BuildMode = options.BuildMode,
            OutputName = GoBuildOptions.ParseOutputName(OutputName),
            CCompiler = CCompiler ?? string.Empty,
            CgoEnabled = CgoEnabled ?? string.Empty,
            OutDir = FullPath(OutDir),
            IntermediateDirectory = directory,
        };
        IReadOnlyList<GoTargetPlatform> targets = TargetMatrix.Select(settings, RuntimeIdentifierTable.Default);

        CoreBudget.ParseParallelism(Parallelism);

        // The workspace: GOWORK for every go (never the ambient one); what it read re-decides when it changes.
        var workspaceInputs = new DecisionInputs();
        string? moduleRoot = GoModule.FindRoot(ProjectDirectory);
        GoWorkspace? workspace = moduleRoot == null ? null : GoWorkspace.Decide(Workspace, ProjectDirectory, moduleRoot, workspaceInputs);
        string? modMode = GoWorkspace.ModMode(workspace, ModMode, ModModeDefaulted);
        (string Shape, List<(string ImportPath, string Command)> Commands, List<string> Built) packages = ReadPackages();
        var environment = new GoEnvironmentSettings
        {
            ProjectDirectory = ProjectDirectory,
            Workspace = workspace?.GoWorkValue,
            ModMode = modMode,
            ModuleProxy = ModuleProxy,
            ChecksumDatabase = ChecksumDatabase,
            PrivateModules = PrivateModules,
            CacheProg = CacheProg,
            PassEnvironment = PassEnvironment,
            Items = EnvironmentVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value"))).ToArray(),
        };
        var caches = new GoCacheLocations(
            GoCacheLocations.DefaultRoot(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)),
            BuildCacheDir?.Trim(),
            ModuleCacheDir?.Trim());
        (Dictionary<string, string> build, List<string> pass) = GoEnvironment.Decide(environment, caches, allowModuleDownload: false);
        (Dictionary<string, string> restore, List<string> restorePass) = GoEnvironment.Decide(environment, caches, allowModuleDownload: true);

        // Everything is computed before anything is written: a bad setting leaves the last records as they were.
        var records = new List<(string Path, IReadOnlyList<string> Lines)>
        {
            (Path.Combine(directory, "restore.env"), EnvironmentRecord.Lines(restore, restorePass)),
            (Path.Combine(directory, "verify.env"), EnvironmentRecord.Lines(With(build, ("GOOS", settings.HostGoOS), ("GOARCH", settings.HostGoArch)), pass)),
            (Path.Combine(directory, "test.env"), EnvironmentRecord.Lines(With(build, ("CGO_ENABLED", TestCgo(options.BuildMode) ? "1" : "0")), pass)),
        };
        if (options.BuildMode == "c-shared" || options.BuildMode == "wasi-reactor")
        {
            // What the bindings' export list reads: the host's c-shared library, or the WebAssembly module.
            bool wasm = options.BuildMode == "wasi-reactor";
            records.Add((Path.Combine(directory, "exports.env"), EnvironmentRecord.Lines(
                With(build, ("GOOS", wasm ? "wasip1" : settings.HostGoOS), ("GOARCH", wasm ? "wasm" : settings.HostGoArch), ("CGO_ENABLED", wasm ? "0" : "1")),
                pass)));
        }

        var rows = new List<string>();
        var outputs = new List<string>();
        foreach (GoTargetPlatform target in targets)
        {
            bool cgo = target.IsCgoEnabled(options.BuildMode);
            string stamp = Path.Combine(directory, target.Key + ".stamp");
            var commandOutputs = new List<string>();
            GoBuildOptions targetOptions = options.WithOutputPath(target.OutputPath);
            if (packages.Shape == "commands" && packages.Commands.Count > 0)
            {
                // One go writes every program into the target's folder (go build -o dir/), each named
                // after its package; the first is the target's output (what its stamp is paired with),
                // and every one is an output of its up-to-date check through its row's stamp.
                string folder = Path.GetDirectoryName(target.OutputPath)!;
                string relativeFolder = Path.GetDirectoryName(target.RelativePath) ?? string.Empty;
                targetOptions = options.WithOutputPath(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
                targetOptions.Packages = packages.Built;
                foreach ((string importPath, string command) in packages.Commands)
                {
                    string file = TargetMatrix.OutputFileName(options.BuildMode, command, target.GoOS, target.GoArch);
                    commandOutputs.Add(OutputRow(Path.Combine(folder, file), relativeFolder.Length > 0 ? Path.Combine(relativeFolder, file) : file, "program", target, importPath, command, stamp));
                }

                target.OutputPath = Path.Combine(folder, TargetMatrix.OutputFileName(options.BuildMode, packages.Commands[0].Command, target.GoOS, target.GoArch));
                target.RelativePath = relativeFolder.Length > 0 ? Path.Combine(relativeFolder, Path.GetFileName(target.OutputPath)) : Path.GetFileName(target.OutputPath);
            }
            else if (packages.Shape == "library")
            {
                // A library writes no program: go compiles and checks it, a stamp under obj/ stands in for the output.
                target.OutputPath = Path.Combine(directory, target.Key + ".built");
                target.RelativePath = string.Empty;
                targetOptions = options.WithOutputPath(string.Empty);
                targetOptions.Packages = packages.Built;
            }

            IReadOnlyList<string> lines = TargetRecord.Lines(target, targetOptions, cgo);
            string record = TargetRecord.PathOf(directory, target.Key);
            IReadOnlyList<string> env = EnvironmentRecord.Lines(target.CreateEnvironment(build, cgo), pass);
            records.Add((record, lines));
            records.Add((TargetRecord.EnvironmentOf(record), env));
            string headerRelative = target.HeaderPath.Length > 0 ? Path.ChangeExtension(target.RelativePath, ".h") : string.Empty;
            rows.Add(RecordFile.Row(
                stamp,
                target.Key,
                target.GoOS,
                target.GoArch,
                target.RuntimeIdentifier,
                target.OutputPath,
                target.RelativePath,
                target.HeaderPath,
                headerRelative,
                target.InputsFile,
                record,
                TargetRecord.Digest(lines.Concat(env)),
                target.Implicit ? "true" : "false",
                target.GoArm,
                target.GoAmd64,
                target.GoArm64));
            if (packages.Shape == "commands" && commandOutputs.Count > 0)
            {
                outputs.AddRange(commandOutputs);
            }
            else if (packages.Shape != "library")
            {
                string importPath = packages.Commands.Count > 0 ? packages.Commands[0].ImportPath : options.Package;
                outputs.Add(OutputRow(target.OutputPath, target.RelativePath, "program", target, importPath, settings.OutputName, stamp));
            }
            if (target.HeaderPath.Length > 0)
            {
                outputs.Add(OutputRow(target.HeaderPath, headerRelative, "header", target, string.Empty, string.Empty, stamp));
            }
        }

        foreach ((string path, IReadOnlyList<string> lines) in records)
        {
            RecordFile.Write(path, lines);
        }

        RecordFile.Write(Path.Combine(directory, "targets"), rows);
        RecordFile.Write(Path.Combine(directory, "platforms"), EveryPlatform(settings, targets));
        RecordFile.Write(Path.Combine(directory, "outputs"), outputs);
        RecordFile.WriteInputs(Path.Combine(directory, "build"), workspaceInputs);
    }

    // A row of the outputs record: path|relative|kind (program or header)|goos|goarch|rid|import path|command|stamp.
    // The stamp names the target that writes the file: every program of a target is an output of its
    // up-to-date check, not only the first (a deleted second command rebuilds that target).
    private static string OutputRow(string path, string relative, string kind, GoTargetPlatform target, string importPath, string command, string stamp) =>
        RecordFile.Row(path, relative, kind, target.GoOS, target.GoArch, target.RuntimeIdentifier, importPath, command, stamp);

    // The packages record: "shape|<shape>||", then "kind|import path|command|folder" a package. None: one package, as GoPackage names it.
    private (string Shape, List<(string ImportPath, string Command)> Commands, List<string> Built) ReadPackages()
    {
        var commands = new List<(string, string)>();
        var built = new List<string>();
        string shape = "single";
        if (string.IsNullOrWhiteSpace(PackagesRecord) || !File.Exists(PackagesRecord))
        {
            return (shape, commands, built);
        }

        foreach (string row in RecordFile.ReadLines(PackagesRecord!))
        {
            string[] fields = RecordFile.Fields(row);
            if (fields.Length < 3)
            {
                continue;
            }

            switch (fields[0])
            {
                case "shape": shape = fields[1]; break;
                case "command": commands.Add((fields[1], fields[2])); built.Add(fields[1]); break;
                case "library": built.Add(fields[1]); break;
            }
        }

        return (shape, commands, built);
    }

    // A folder GoPackage must lie in the module (go would refuse it with a less direct message).
    // Patterns and lists (./cmd/..., a;b) are GoPackageSelection's: each folder entry gets this check there.
    private void RequirePackageInModule(string package)
    {
        string? root = GoModule.FindRoot(ProjectDirectory);
        if (root == null || !(package == "." || package.StartsWith("./", StringComparison.Ordinal) || package.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(package)))
        {
            return;
        }

        string folder = Path.GetFullPath(Path.Combine(ProjectDirectory, package.Replace("/...", string.Empty)));
        string moduleRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!(folder + Path.DirectorySeparatorChar).StartsWith(moduleRoot, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new GoBuildException("PackageOutsideModule", Package ?? string.Empty, folder, root);
        }
    }

    // Every goos/goarch the project builds for in any selection (dotnet build -r picks one of them):
    // the bindings of a referencing project are compared on all of them (ListGoExports).
    private static IEnumerable<string> EveryPlatform(TargetMatrixSettings settings, IReadOnlyList<GoTargetPlatform> selected)
    {
        var platforms = new SortedSet<string>(selected.Select(t => t.Pair), StringComparer.Ordinal);
        if (settings.RuntimeIdentifier.Trim().Length > 0)
        {
            string rid = settings.RuntimeIdentifier;
            settings.RuntimeIdentifier = string.Empty;
            try
            {
                platforms.UnionWith(TargetMatrix.Select(settings, RuntimeIdentifierTable.Default).Select(t => t.Pair));
            }
            catch (GoBuildException)
            {
                // Without -r the matrix has a problem of its own; that build reports it.
            }
            finally
            {
                settings.RuntimeIdentifier = rid;
            }
        }

        return platforms;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, params (string Name, string Value)[] variables)
    {
        var copy = new Dictionary<string, string>(environment, GoEnvironment.NameComparer);
        foreach ((string name, string value) in variables)
        {
            copy[name] = value;
        }

        return copy;
    }

    // go test: GoCgoEnabled, else the build mode's default, else on for -race (the race detector needs cgo).
    private bool TestCgo(string buildMode)
    {
        bool race = GoTestArguments.SplitFlags(TestFlags).Any(f => f == "-race" || f == "--race" || f == "-race=true");
        return GoBuildOptions.ParseBool("GoCgoEnabled", CgoEnabled, GoBuildOptions.CgoDefault(buildMode) || race);
    }

    private GoBuildOptions ParseOptions() => new()
    {
        Package = GoModule.NormalizePackage(ProjectDirectory, Package),
        BuildMode = GoBuildOptions.ParseBuildMode(BuildMode),
        TrimPath = GoBuildOptions.ParseBool("GoTrimPath", TrimPath, true),
        Strip = GoBuildOptions.ParseBool("GoStrip", Strip, false),

        // go splits -ldflags on any white space: a line break of a multi-line property is a space.
        LdFlags = (LdFlags ?? string.Empty).Replace("\r", " ").Replace("\n", " ").Trim(),
        Tags = GoBuildOptions.ParseTags(Tags),
        BuildVcs = GoBuildOptions.ParseBuildVcs(BuildVcs),
        Overlay = string.IsNullOrWhiteSpace(Overlay) ? string.Empty : FullPath(Overlay!.Trim()),
        LinkerVariables = LinkerVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec.Trim(), i.GetMetadata("Value"))).ToArray(),
    };

    // MSBuild paths use either separator (OutDir is bin\Debug\ on every OS); a backslash is a file name character on Unix.
    private string FullPath(string path) =>
        Path.GetFullPath(Path.Combine(ProjectDirectory, Path.DirectorySeparatorChar == '/' ? path.Replace('\\', '/') : path));

    private static DeclaredTarget ToDeclared(ITaskItem item)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in new[] { "GOARM", "GOAMD64", "GOARM64", "RuntimeIdentifier", "GoCCompiler", "GoCgoEnabled" })
        {
            metadata[name] = item.GetMetadata(name);
        }

        return new DeclaredTarget(item.ItemSpec, metadata);
    }
}
