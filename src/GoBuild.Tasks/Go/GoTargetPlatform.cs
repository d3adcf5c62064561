using System.Collections.Generic;

namespace GoBuild.Tasks.Go;

/// <summary>
/// One platform of a build: GOOS/GOARCH, the architecture variant (GOARM, GOAMD64, GOARM64), the
/// .NET runtime identifier it stands for, its C compiler, and where its output and input record go.
/// </summary>
public sealed class GoTargetPlatform
{
    /// <summary>GOOS (lower case).</summary>
    public string GoOS { get; set; } = string.Empty;

    /// <summary>GOARCH (lower case).</summary>
    public string GoArch { get; set; } = string.Empty;

    /// <summary>GOARM, or empty for go's default.</summary>
    public string GoArm { get; set; } = string.Empty;

    /// <summary>GOAMD64, or empty for go's default.</summary>
    public string GoAmd64 { get; set; } = string.Empty;

    /// <summary>GOARM64, or empty for go's default.</summary>
    public string GoArm64 { get; set; } = string.Empty;

    /// <summary>The runtime identifier, or empty (a host build without a RID, or a pair without one).</summary>
    public string RuntimeIdentifier { get; set; } = string.Empty;

    /// <summary>The C compiler for cgo (CC), or empty for go's default.</summary>
    public string CCompiler { get; set; } = string.Empty;

    /// <summary>GoCgoEnabled for this target as written (empty: the build mode's default).</summary>
    public string CgoEnabled { get; set; } = string.Empty;

    /// <summary>How the project named the target (a GoTargetPlatform item, a GoTargetPlatforms entry, a RID).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Its output folder name and record prefix: the RID, else goos-goarch.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Absolute path of the output file.</summary>
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>The output's path relative to OutDir (what publish and pack keep).</summary>
    public string RelativePath { get; set; } = string.Empty;

    /// <summary>The C header go writes next to a c-shared or c-archive library, or empty.</summary>
    public string HeaderPath { get; set; } = string.Empty;

    /// <summary>Where to record the files the build read, or empty.</summary>
    public string InputsFile { get; set; } = string.Empty;

    /// <summary>
    /// How messages name the target: <c>linux/arm64</c>, with the RID added when it is not the one
    /// a bare pair gets (<c>linux/amd64 linux-musl-x64</c>).
    /// </summary>
    public string Context { get; set; } = string.Empty;

    /// <summary>Whether this is the default host target of a project that selects none (messages then name no target).</summary>
    public bool Implicit { get; set; }

    /// <summary><c>goos/goarch</c>.</summary>
    public string Pair => GoOS + "/" + GoArch;

    /// <summary>Whether cgo is on: GoCgoEnabled when set, else on for c-shared and c-archive only.</summary>
    public bool IsCgoEnabled(string buildMode) =>
        GoBuildOptions.ParseBool("GoCgoEnabled", CgoEnabled, GoBuildOptions.CgoDefault(buildMode));

    /// <summary>The environment of go for this target: <paramref name="baseEnvironment"/> plus the platform variables.</summary>
    public Dictionary<string, string> CreateEnvironment(IReadOnlyDictionary<string, string> baseEnvironment, bool cgo)
    {
        var env = new Dictionary<string, string>(GoEnvironment.NameComparer);
        foreach (KeyValuePair<string, string> variable in baseEnvironment)
        {
            env[variable.Key] = variable.Value;
        }

        env["GOOS"] = GoOS;
        env["GOARCH"] = GoArch;
        SetIfNotEmpty(env, "GOARM", GoArm);
        SetIfNotEmpty(env, "GOAMD64", GoAmd64);
        SetIfNotEmpty(env, "GOARM64", GoArm64);
        env["CGO_ENABLED"] = cgo ? "1" : "0";
        if (cgo && CCompiler.Length > 0)
        {
            env["CC"] = CCompiler;
        }

        return env;
    }

    // Empty leaves go its default (GOARM, GOAMD64 and GOARM64 are never GoEnvironment items: GOB2008).
    private static void SetIfNotEmpty(Dictionary<string, string> env, string name, string value)
    {
        if (value.Length > 0)
        {
            env[name] = value;
        }
    }
}
