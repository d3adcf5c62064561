using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Runs <c>go build</c> for one package and one target platform, reports compiler errors with file,
/// line and column, and records the files the build read so the next build can be skipped by
/// MSBuild's up-to-date check alone.
/// </summary>
public sealed class GoBuild : GoTaskBase
{
    /// <summary>Absolute path of the output file.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

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

    /// <summary>GoLinkerVariable items (Include = importpath.name, Value = value).</summary>
    public ITaskItem[] LinkerVariables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where to write the include patterns of the files this build read.</summary>
    public string? InputsFile { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        if (GoModule.FindRoot(ProjectDirectory) == null)
        {
            throw new GoBuildException("NoGoMod", ProjectDirectory);
        }

        GoBuildOptions options = ParseOptions();
        GoBuildModeSupport.Require(options.BuildMode, GoOS, GoArch);
        GoToolchain toolchain = OpenToolchain();
        GoCacheLocations caches = CacheLocations();
        Dictionary<string, string> env = CreateEnvironment(toolchain, caches);
        bool cgo = GoBuildOptions.ParseBool("GoCgoEnabled", CgoEnabled, options.BuildMode.StartsWith("c-", StringComparison.Ordinal));
        env["CGO_ENABLED"] = cgo ? "1" : "0";

        Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
        // On failure the record of the last good build stays: the edited file is newer than the
        // output, so the next build runs go again whatever the record says.
        if (!RunGo(toolchain, GoBuildArguments.Create(options), env, "GOB2001"))
        {
            return;
        }

        RecordInputs(toolchain, env, options.Package, caches);
    }

    private GoBuildOptions ParseOptions()
    {
        string mode = GoBuildOptions.ParseBuildMode(BuildMode);
        return new GoBuildOptions
        {
            OutputPath = Path.GetFullPath(OutputPath),
            Package = GoModule.NormalizePackage(ProjectDirectory, Package),
            BuildMode = mode,
            TrimPath = GoBuildOptions.ParseBool("GoTrimPath", TrimPath, true),
            Strip = GoBuildOptions.ParseBool("GoStrip", Strip, false),
            LdFlags = LdFlags ?? string.Empty,
            Tags = Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).ToArray(),
            BuildVcs = GoBuildOptions.ParseBuildVcs(BuildVcs),
            LinkerVariables = LinkerVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec.Trim(), i.GetMetadata("Value"))).ToArray(),
        };
    }

    private void RecordInputs(GoToolchain toolchain, IReadOnlyDictionary<string, string> env, string package, GoCacheLocations caches)
    {
        if (string.IsNullOrEmpty(InputsFile))
        {
            return;
        }

        var lines = new List<string>();
        int exitCode = new GoProcessRunner(toolchain.Executable).Run(
            GoPackageInputs.ListArguments(package),
            ProjectDirectory,
            env,
            (line, isError) =>
            {
                if (!isError)
                {
                    lines.Add(line);
                }
            },
            CancellationToken);
        if (exitCode != 0)
        {
            // Without a record the targets fall back to every file of the module: slower, never stale.
            DeleteInputsFile();
            return;
        }

        string text = GoPackageInputs.ToPatterns(lines, caches.ModuleCache);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(InputsFile))!);
        string existing = File.Exists(InputsFile) ? File.ReadAllText(InputsFile) : string.Empty;
        if (!string.Equals(existing, text, StringComparison.Ordinal))
        {
            File.WriteAllText(InputsFile, text);
        }
    }

    private void DeleteInputsFile()
    {
        if (!string.IsNullOrEmpty(InputsFile) && File.Exists(InputsFile))
        {
            File.Delete(InputsFile);
        }
    }
}
