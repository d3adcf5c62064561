using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// The inputs shared by the tasks that run <c>go build</c> (GoBuild for one platform, CrossCompile
/// for several): the Go… build properties, parsed once into <see cref="GoBuildOptions"/>.
/// </summary>
public abstract class GoCompileTaskBase : GoTaskBase
{
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
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>GoBuildVcs.</summary>
    public string? BuildVcs { get; set; }

    /// <summary>GoCgoEnabled; empty for the build mode's default.</summary>
    public string? CgoEnabled { get; set; }

    /// <summary>A <c>go build -overlay</c> file (GoBuild.Interop.targets: the bindings' free function), or empty.</summary>
    public string? Overlay { get; set; }

    /// <summary>GoLinkerVariable items (Include = importpath.name, Value = value).</summary>
    public ITaskItem[] LinkerVariables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Fails with GOB2003 when the project is not inside a Go module.</summary>
    protected void RequireModule()
    {
        if (GoModule.FindRoot(ProjectDirectory) == null)
        {
            throw new GoBuildException("NoGoMod", ProjectDirectory);
        }
    }

    /// <summary>The validated build options, writing <paramref name="outputPath"/>.</summary>
    protected GoBuildOptions ParseOptions(string outputPath) => new()
    {
        OutputPath = Path.GetFullPath(outputPath),
        Package = GoModule.NormalizePackage(ProjectDirectory, Package),
        BuildMode = GoBuildOptions.ParseBuildMode(BuildMode),
        TrimPath = GoBuildOptions.ParseBool("GoTrimPath", TrimPath, true),
        Strip = GoBuildOptions.ParseBool("GoStrip", Strip, false),
        LdFlags = LdFlags ?? string.Empty,
        Tags = Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).ToArray(),
        BuildVcs = GoBuildOptions.ParseBuildVcs(BuildVcs),
        Overlay = string.IsNullOrWhiteSpace(Overlay) ? string.Empty : Path.GetFullPath(Overlay!.Trim()),
        LinkerVariables = LinkerVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec.Trim(), i.GetMetadata("Value"))).ToArray(),
    };

    /// <summary>The builder that runs go build (and records inputs) with this task's logging.</summary>
    protected GoPackageBuilder CreateBuilder(GoToolchain toolchain, GoCacheLocations caches) =>
        new(toolchain, ProjectDirectory, caches.ModuleCache, (args, env, code, context) => RunGo(toolchain, args, env, code, context), CancellationToken);
}
