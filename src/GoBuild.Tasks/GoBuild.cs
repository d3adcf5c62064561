using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Builds the stale targets of the build decision (CrossCompile's <c>&lt;key&gt;.target</c>
/// records), in parallel up to the cores granted (go's build cache is shared and safe for
/// concurrent use), records per target the files its build read (<c>&lt;key&gt;.inputs</c>), and
/// reports compiler errors with file, line and column. Every target is checked against the
/// toolchain's own <c>go tool dist list</c> first; every error names its target.
/// </summary>
/// <remarks>
/// The targets pass only the targets whose outputs are out of date (MSBuild's partial build over
/// the per-target stamp files), so a change to one target's settings rebuilds that target alone.
/// </remarks>
public sealed class GoBuild : GoTaskBase
{
    /// <summary>
    /// The targets to build (the <c>_GoBuildTarget</c> items): metadata Record, the target's
    /// <c>&lt;key&gt;.target</c> record, which holds every setting of its build.
    /// </summary>
    [Required]
    public ITaskItem[] Targets { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>GOOS of the machine the build runs on.</summary>
    [Required]
    public string HostGoOS { get; set; } = string.Empty;

    /// <summary>GOARCH of the machine the build runs on.</summary>
    [Required]
    public string HostGoArch { get; set; } = string.Empty;

    /// <summary>Where toolchains' platform lists are cached; empty for <c>platforms</c> in the per-user cache.</summary>
    public string? PlatformCacheDir { get; set; }

    /// <summary>How many go builds may run at once; 0 for the number of cores.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>The items of <see cref="Targets"/> whose build succeeded (their stamps get settled).</summary>
    [Output]
    public ITaskItem[] BuiltTargets { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        if (GoModule.FindRoot(ProjectDirectory) == null)
        {
            throw new GoBuildException("NoGoMod", ProjectDirectory);
        }

        string[] records = Targets.Select(t => t.GetMetadata("Record")).ToArray();
        if (records.Length == 0)
        {
            return;
        }

        List<(GoTargetPlatform Target, GoBuildOptions Options)> targets = records.Select(TargetRecord.Read).ToList();
        GoToolchain toolchain = OpenToolchain();
        Dictionary<string, string> environment = LoadEnvironment(toolchain, TargetRecord.EnvironmentOf(records[0]));
        GoCacheLocations caches = CacheLocations(environment);

        GoPlatformList platforms = LoadPlatforms(toolchain, caches, environment);
        var validator = new GoTargetValidator(platforms, RuntimeIdentifierTable.Default, toolchain.Version, HostGoOS.Trim(), HostGoArch.Trim());

        var built = new bool[targets.Count];
        bool valid = true;
        foreach ((GoTargetPlatform target, GoBuildOptions options) in targets)
        {
            foreach (GoTargetError error in validator.Validate(target, options.BuildMode))
            {
                LogTargetError(error.ResourceName, error.Arguments, MessageContext(target));
                valid = false;
            }
        }

        // Nothing starts while any target is wrong: a matrix half-built from a typo helps nobody.
        if (!valid)
        {
            return;
        }

        GoPackageBuilder builder = CreateBuilder(toolchain, caches);

        // The cores MSBuild grants are split between the targets built at once: each go gets its
        // share as -p and GOMAXPROCS, so the whole task never runs more compilers than it was given.
        using IDisposable cores = RequestCores(int.MaxValue);

        // While go runs (and while other builds' go hold every core), this node may build other
        // projects; the core slots keep their go and ours within the machine's cores together.
        using IDisposable yielded = Yield();
        using IDisposable slots = AcquireCoreSlots(caches);
        int fanOut = Math.Max(1, Math.Min(targets.Count, MaxParallelism > 0 ? Math.Min(MaxParallelism, GrantedCores) : GrantedCores));
        int perTarget = Math.Max(1, GrantedCores / fanOut);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fanOut };
        Parallel.For(0, targets.Count, parallel, i =>
        {
            (GoTargetPlatform target, GoBuildOptions options) = targets[i];
            if (CancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                bool cgo = target.IsCgoEnabled(options.BuildMode);
                Log.LogMessage(MessageImportance.Normal, "Go target {0}: {1}", target.Context, Describe(target, cgo));
                Dictionary<string, string> targetEnvironment = LoadEnvironment(toolchain, TargetRecord.EnvironmentOf(records[i]));
                targetEnvironment["GOMAXPROCS"] = perTarget.ToString(System.Globalization.CultureInfo.InvariantCulture);
                built[i] = builder.Build(options.OutputPath.Length > 0 ? options.WithOutputPath(Path.GetFullPath(options.OutputPath)) : options, targetEnvironment, target.InputsFile, MessageContext(target), perTarget);
            }
            catch (GoBuildException ex)
            {
                LogTargetError(ex.ResourceName, ex.Arguments, MessageContext(target));
            }
            catch (OperationCanceledException)
            {
                // Reported once, below.
            }
            catch (Exception ex)
            {
                // A Parallel.For body runs on a pool thread; nothing may escape it unreported.
                LogTargetError("BackgroundStepFailed", new object[] { "Building the Go target", ex.ToString() }, target.Context);
            }
        });

        CancellationToken.ThrowIfCancellationRequested();
        BuiltTargets = Targets.Where((_, i) => built[i]).ToArray();
    }

    private GoPackageBuilder CreateBuilder(GoToolchain toolchain, GoCacheLocations caches) =>
        new(toolchain, ProjectDirectory, caches.ModuleCache, (args, env, code, context) => RunGo(toolchain, args, env, code, context), CancellationToken);

    private GoPlatformList LoadPlatforms(GoToolchain toolchain, GoCacheLocations caches, IReadOnlyDictionary<string, string> environment)
    {
        try
        {
            string cacheDirectory = string.IsNullOrWhiteSpace(PlatformCacheDir) ? Path.Combine(caches.Root, "platforms") : PlatformCacheDir!;
            return GoPlatformList.Load(toolchain.Version, cacheDirectory, () => RunDistList(toolchain, environment));
        }
        catch (FormatException ex)
        {
            throw new GoBuildException("PlatformListUnreadable", toolchain.Root, ex.Message);
        }
    }

    private string RunDistList(GoToolchain toolchain, IReadOnlyDictionary<string, string> environment)
    {
        var stdout = new System.Text.StringBuilder();
        var stderr = new List<string>();
        Log.LogMessage(MessageImportance.Low, "{0} tool dist list -json", toolchain.Executable);
        int exitCode = new GoProcessRunner(toolchain.Executable).Run(
            new[] { "tool", "dist", "list", "-json" },
            ProjectDirectory,
            environment,
            (line, isError) =>
            {
                if (isError)
                {
                    stderr.Add(line);
                }
                else
                {
                    stdout.AppendLine(line);
                }
            },
            CancellationToken);
        if (exitCode != 0)
        {
            throw new GoBuildException("PlatformListUnreadable", toolchain.Root, $"exit code {exitCode}: {string.Join(Environment.NewLine, stderr)}");
        }

        return stdout.ToString();
    }

    // The default host build (nothing selected) reads as it did before targets existed: no suffix.
    private static string? MessageContext(GoTargetPlatform target) => target.Implicit ? null : target.Context;

    // Called from parallel builds: TaskLoggingHelper is safe to use from several threads.
    private void LogTargetError(string resourceName, object[] arguments, string? context)
    {
        string message = Resources.Format(resourceName, arguments) + (string.IsNullOrEmpty(context) ? string.Empty : " [" + context + "]");
        string? code = Log.ExtractMessageCode(message, out string text);
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: text);
    }

    private static string Describe(GoTargetPlatform target, bool cgo)
    {
        var parts = new List<string> { "GOOS=" + target.GoOS, "GOARCH=" + target.GoArch };
        if (target.GoArm.Length > 0)
        {
            parts.Add("GOARM=" + target.GoArm);
        }

        if (target.GoAmd64.Length > 0)
        {
            parts.Add("GOAMD64=" + target.GoAmd64);
        }

        if (target.GoArm64.Length > 0)
        {
            parts.Add("GOARM64=" + target.GoArm64);
        }

        parts.Add("CGO_ENABLED=" + (cgo ? "1" : "0"));
        if (cgo && target.CCompiler.Length > 0)
        {
            parts.Add("CC=" + target.CCompiler);
        }

        return string.Join(" ", parts) + " -> " + target.OutputPath;
    }
}

