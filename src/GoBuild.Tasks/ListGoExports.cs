using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Interop;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Go project side of the bindings: lists the package's <c>//export</c> (c-shared) or
/// <c>//go:wasmexport</c> (wasi-reactor) functions with the goexports helper and writes the record
/// referencing projects generate their C# from (<see cref="GoBindingsRecord"/>). The record is
/// rewritten only when it changes, so an edit inside a function body leaves the C# side alone.
/// The targets run this only when the package's Go files or the settings changed.
/// </summary>
public sealed class ListGoExports : GoTaskBase
{
    /// <summary>The export the SDK adds to c-shared libraries (GoBuild.Interop.targets' overlay) to free returned C strings.</summary>
    public const string FreeFunctionName = "gobuild_free";

    /// <summary>GoPackage: must be a folder relative to the project.</summary>
    public string? Package { get; set; }

    /// <summary>GoBuildMode: c-shared or wasi-reactor.</summary>
    [Required]
    public string BuildMode { get; set; } = string.Empty;

    /// <summary>GoTags.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>The Go project file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>GoOutputName: the library's name (c-shared) or the .wasm file's base name.</summary>
    [Required]
    public string LibraryName { get; set; } = string.Empty;

    /// <summary>GoBindingsNamespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>GoBindingsClassName; empty for the project name in PascalCase + Native/Module.</summary>
    public string? ClassName { get; set; }

    /// <summary>The folder of the goexports helper's source (in the SDK package).</summary>
    [Required]
    public string HelperSource { get; set; } = string.Empty;

    /// <summary>
    /// The platforms the project builds for in any selection (the build decision's <c>platforms</c>
    /// record: its declared targets, its RuntimeIdentifiers and the selected ones; metadata GoOS,
    /// GoArch). The exports are listed on each and must agree, because one binding source serves them all.
    /// </summary>
    public ITaskItem[] Platforms { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the record goes.</summary>
    [Required]
    public string RecordFile { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        string mode = BuildMode.Trim().ToLowerInvariant();
        bool wasm = mode == "wasi-reactor";
        string ns = string.IsNullOrWhiteSpace(Namespace) ? "GoBindings" : Namespace!.Trim();
        if (!BindingNames.IsNamespace(ns))
        {
            throw new GoBuildException("InvalidBindingsName", "GoBindingsNamespace", ns);
        }

        string projectName = Path.GetFileNameWithoutExtension(ProjectFile);
        string className = string.IsNullOrWhiteSpace(ClassName) ? BindingNames.ClassName(projectName, wasm ? "Module" : "Native") : ClassName!.Trim();
        if (!BindingNames.IsIdentifier(className))
        {
            throw new GoBuildException("InvalidBindingsName", "GoBindingsClassName", className);
        }

        string package = string.IsNullOrWhiteSpace(Package) ? "." : Package!.Trim();
        string packageDirectory = Path.GetFullPath(Path.Combine(ProjectDirectory, package));
        if (package.Contains("...") || package.IndexOf(';') >= 0 || !Directory.Exists(packageDirectory))
        {
            throw new GoBuildException("BindingsNeedPackageFolder", package);
        }

        GoToolchain toolchain = OpenToolchain();
        GoCacheLocations caches = CacheLocations(ReadEnvironment());
        var lister = new GoExportLister(toolchain, HelperSource, caches.Root, line => Log.LogMessage(MessageImportance.Normal, "{0}", line), CancellationToken);
        string[] tags = Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(t => t.Trim()).ToArray();
        var perPlatform = new List<KeyValuePair<string, GoExportList>>();
        IReadOnlyList<string> platforms = wasm ? new[] { "wasip1/wasm" } : BindingPlatforms();
        foreach (string platform in platforms)
        {
            // The files go build compiles for that platform (build constraints, _GOOS/_GOARCH names, cgo).
            // exports.env (the build decision's), on the platform whose files are listed.
            Dictionary<string, string> env = LoadEnvironment(toolchain);
            env["GOOS"] = platform.Substring(0, platform.IndexOf('/'));
            env["GOARCH"] = platform.Substring(platform.IndexOf('/') + 1);
            env["CGO_ENABLED"] = wasm ? "0" : "1";
            perPlatform.Add(new KeyValuePair<string, GoExportList>(platform, lister.List(packageDirectory, tags, env)));
        }

        GoExportList exports = GoExportMerger.Merge(perPlatform);

        var record = new GoBindingsRecord
        {
            Project = Path.GetFullPath(ProjectFile),
            BuildMode = mode,
            Library = wasm ? LibraryName + ".wasm" : LibraryName,
            Namespace = ns,
            ClassName = className,
            FreeFunction = wasm ? string.Empty : FreeFunctionName,
            Exports = exports,
            Platforms = platforms.ToList(),
        };
        RecordFiles.WriteIfDifferent(RecordFile, record.ToJson());
        Log.LogMessage(MessageImportance.Low, "{0}: {1} export(s) listed on {2} into {3}", projectName, exports.Exports.Count, string.Join(", ", platforms), RecordFile);
    }

    // Every goos/goarch the project builds for, whichever the current build selected, so the
    // bindings of a referencing project are the same for every RID it builds or publishes for.
    private IReadOnlyList<string> BindingPlatforms()
    {
        var platforms = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string goos, string goarch)
        {
            goos = goos.Trim().ToLowerInvariant();
            goarch = goarch.Trim().ToLowerInvariant();
            if (goos.Length > 0 && goarch.Length > 0 && goos.All(char.IsLetterOrDigit) && goarch.All(char.IsLetterOrDigit))
            {
                platforms.Add(goos + "/" + goarch);
            }
        }

        foreach (ITaskItem platform in Platforms)
        {
            Add(platform.GetMetadata("GoOS"), platform.GetMetadata("GoArch"));
        }

        if (platforms.Count == 0)
        {
            Add(HostPlatform.Current.GoOS, HostPlatform.Current.GoArch);
        }

        return platforms.ToList();
    }
}
