using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Go;

/// <summary>A coded message about one target: the Strings.resx name and its arguments.</summary>
public sealed class GoTargetError
{
    /// <summary>Creates the error.</summary>
    public GoTargetError(string resourceName, params object[] arguments)
    {
        ResourceName = resourceName;
        Arguments = arguments;
    }

    /// <summary>The message's name in Strings.resx.</summary>
    public string ResourceName { get; }

    /// <summary>Its placeholder values. The task appends the target (<c>[linux/arm64]</c>) to the text.</summary>
    public object[] Arguments { get; }

    /// <summary>The formatted message (with its GOBnnnn code).</summary>
    public override string ToString() => Resources.Format(ResourceName, Arguments);
}

/// <summary>
/// Checks targets against what the toolchain itself supports (its <c>go tool dist list</c>) and
/// against the RID table, before any go build starts, so each mistake gets one clear error.
/// </summary>
public sealed class GoTargetValidator
{
    private static readonly Regex s_goArm = new(@"^[567](,(softfloat|hardfloat))?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_goAmd64 = new(@"^v[1-4]$", RegexOptions.CultureInvariant);
    private static readonly Regex s_goArm64 = new(@"^v(8\.[0-9]|9\.[0-5])(,(lse|crypto))*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_runtimeIdentifier = new(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_goVersion = new(@"^go(\d+)\.(\d+)", RegexOptions.CultureInvariant);

    private readonly GoPlatformList _platforms;
    private readonly RuntimeIdentifierTable _table;
    private readonly string _toolchainVersion;
    private readonly string _hostGoOS;
    private readonly string _hostGoArch;

    /// <summary>Creates a validator for one toolchain on one host.</summary>
    public GoTargetValidator(GoPlatformList platforms, RuntimeIdentifierTable table, string toolchainVersion, string hostGoOS, string hostGoArch)
    {
        _platforms = platforms;
        _table = table;
        _toolchainVersion = toolchainVersion;
        _hostGoOS = hostGoOS;
        _hostGoArch = hostGoArch;
    }

    /// <summary>The valid GOARM values, as messages list them.</summary>
    public const string GoArmValues = "5, 6, 7 (each optionally followed by ,softfloat or ,hardfloat)";

    /// <summary>The valid GOAMD64 values.</summary>
    public const string GoAmd64Values = "v1, v2, v3, v4";

    /// <summary>The valid GOARM64 values.</summary>
    public const string GoArm64Values = "v8.0 to v8.9, v9.0 to v9.5 (each optionally followed by ,lse and/or ,crypto)";

    /// <summary>Every problem of <paramref name="target"/> (as <see cref="TargetMatrix"/> completed it) for build mode <paramref name="buildMode"/>.</summary>
    public IReadOnlyList<GoTargetError> Validate(GoTargetPlatform target, string buildMode)
    {
        var errors = new List<GoTargetError>();
        GoPlatform? platform = target.GoOS.Length > 0 && target.GoArch.Length > 0 ? _platforms.Find(target.GoOS, target.GoArch) : null;
        if (platform == null)
        {
            errors.Add(new GoTargetError("UnknownPlatform", target.Pair, _toolchainVersion, string.Join(" ", _platforms.Platforms.Select(p => p.Pair))));
            return errors;
        }

        // Before cgo: "c-shared is not supported on js/wasm" says more than "js/wasm has no cgo".
        if (!GoBuildModeSupport.IsSupported(buildMode, target.GoOS, target.GoArch))
        {
            errors.Add(new GoTargetError("BuildModeNotSupported", buildMode, target.Pair, GoBuildModeSupport.SupportedPlatforms(buildMode)));
            return errors;
        }

        ValidateRuntimeIdentifier(target, errors);
        ValidateVariant(errors, target, "GOARM", target.GoArm, "arm", s_goArm, GoArmValues);
        ValidateVariant(errors, target, "GOAMD64", target.GoAmd64, "amd64", s_goAmd64, GoAmd64Values);
        ValidateVariant(errors, target, "GOARM64", target.GoArm64, "arm64", s_goArm64, GoArm64Values);
        if (target.GoArm64.Length > 0 && IsOlderThan(1, 23))
        {
            errors.Add(new GoTargetError("GoArm64NeedsNewerGo", _toolchainVersion));
        }

        bool cgo;
        try
        {
            cgo = target.IsCgoEnabled(buildMode);
        }
        catch (GoBuildException ex)
        {
            errors.Add(new GoTargetError(ex.ResourceName, ex.Arguments));
            return errors;
        }

        if (cgo && !platform.CgoSupported)
        {
            errors.Add(new GoTargetError("CgoNotSupported", target.Pair));
        }
        else if (cgo && target.CCompiler.Length == 0 && !IsHost(target))
        {
            errors.Add(new GoTargetError("CgoNeedsCCompiler", target.Pair, _hostGoOS + "/" + _hostGoArch));
        }

        return errors;
    }

    /// <summary>Whether the target is the machine the build runs on (cgo needs no cross-compiler then).</summary>
    public bool IsHost(GoTargetPlatform target) => target.GoOS == _hostGoOS && target.GoArch == _hostGoArch;

    private void ValidateRuntimeIdentifier(GoTargetPlatform target, List<GoTargetError> errors)
    {
        if (target.RuntimeIdentifier.Length == 0)
        {
            return;
        }

        // The RID names an output folder: one plain path segment.
        if (!s_runtimeIdentifier.IsMatch(target.RuntimeIdentifier))
        {
            errors.Add(new GoTargetError("InvalidRuntimeIdentifierName", target.RuntimeIdentifier));
            return;
        }

        RuntimeIdentifierEntry? entry = _table.Find(target.RuntimeIdentifier);
        if (entry != null && entry.Pair != target.Pair)
        {
            errors.Add(new GoTargetError("RuntimeIdentifierMismatch", target.RuntimeIdentifier, entry.Pair, target.Pair));
        }
    }

    private static void ValidateVariant(List<GoTargetError> errors, GoTargetPlatform target, string name, string value, string arch, Regex valid, string validValues)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (target.GoArch != arch)
        {
            errors.Add(new GoTargetError("VariantForOtherArchitecture", name, value, arch, target.Pair));
        }
        else if (!valid.IsMatch(value))
        {
            errors.Add(new GoTargetError("InvalidVariant", name, value, validValues));
        }
    }

    private bool IsOlderThan(int major, int minor)
    {
        // Development builds ("devel go1.27-…") are taken to be new enough.
        Match match = s_goVersion.Match(_toolchainVersion);
        if (!match.Success)
        {
            return false;
        }

        int actualMajor = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int actualMinor = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return actualMajor < major || (actualMajor == major && actualMinor < minor);
    }
}
