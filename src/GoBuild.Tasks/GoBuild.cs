using System;
using System.Collections.Generic;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Runs <c>go build</c> for one package and one target platform, reports compiler errors with file,
/// line and column, and records the files the build read so the next build can be skipped by
/// MSBuild's up-to-date check alone. (The SDK's targets use CrossCompile, which does the same for
/// every target platform; this task stays for single builds from custom targets.)
/// </summary>
public sealed class GoBuild : GoCompileTaskBase
{
    /// <summary>Absolute path of the output file.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>Where to write the include patterns of the files this build read.</summary>
    public string? InputsFile { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        RequireModule();
        GoBuildOptions options = ParseOptions(OutputPath);
        GoBuildModeSupport.Require(options.BuildMode, GoOS, GoArch);
        GoToolchain toolchain = OpenToolchain();
        GoCacheLocations caches = CacheLocations();
        using IDisposable cores = RequestCores(int.MaxValue);
        Dictionary<string, string> env = CreateEnvironment(toolchain, caches);
        bool cgo = GoBuildOptions.ParseBool("GoCgoEnabled", CgoEnabled, GoBuildOptions.CgoDefault(options.BuildMode));
        env["CGO_ENABLED"] = cgo ? "1" : "0";

        using IDisposable yielded = Yield();
        using IDisposable slots = AcquireCoreSlots(caches);
        env["GOMAXPROCS"] = GrantedCores.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CreateBuilder(toolchain, caches).Build(options, env, InputsFile, parallelism: GrantedCores);
    }
}
