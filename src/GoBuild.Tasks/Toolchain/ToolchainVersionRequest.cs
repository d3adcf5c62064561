using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// What GoToolchainVersion asks for: one release (<c>1.26.11</c>, <c>go1.26.11</c>,
/// <c>1.27rc1</c>, <c>1.22</c> meaning go1.22.0), the newest stable release of a line
/// (<c>1.26.*</c>, <c>1.*</c>), or a NuGet-style range (<c>[1.25,1.27)</c>).
/// </summary>
public sealed class ToolchainVersionRequest
{
    private static readonly Regex s_floating = new(@"^(?:go)?(?<major>[0-9]+)(?:\.(?<minor>[0-9]+))?\.\*$", RegexOptions.CultureInvariant);

    // Inside a range, Go spellings become NuGet ones: go1.27rc1 → 1.27.0-rc.1, go1.25 → 1.25.
    private static readonly Regex s_rangePrerelease = new(@"(?:go)?([0-9]+\.[0-9]+)(rc|beta|alpha)([0-9]+)", RegexOptions.CultureInvariant);

    private readonly int _floatMajor;
    private readonly int? _floatMinor;
    private readonly VersionRange? _range;

    private ToolchainVersionRequest(string text, GoVersion? exact, int floatMajor, int? floatMinor, VersionRange? range)
    {
        Text = text;
        Exact = exact;
        _floatMajor = floatMajor;
        _floatMinor = floatMinor;
        _range = range;
    }

    /// <summary>The text as the user wrote it.</summary>
    public string Text { get; }

    /// <summary>The one release asked for, or null for a floating version or a range.</summary>
    public GoVersion? Exact { get; }

    /// <summary>Whether the request names one release.</summary>
    public bool IsExact => Exact != null;

    /// <summary>Parses GoToolchainVersion; GOB1004 when it is none of the accepted forms.</summary>
    public static ToolchainVersionRequest Parse(string text)
    {
        string s = text.Trim();
        Match floating = s_floating.Match(s);
        if (floating.Success)
        {
            int major = int.Parse(floating.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
            int? minor = floating.Groups["minor"].Success
                ? int.Parse(floating.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            return new ToolchainVersionRequest(s, null, major, minor, null);
        }

        if (s.StartsWith("[", StringComparison.Ordinal) || s.StartsWith("(", StringComparison.Ordinal))
        {
            string nuget = s_rangePrerelease.Replace(s, "$1.0-$2.$3").Replace("go", string.Empty);
            if (VersionRange.TryParse(nuget, allowFloating: false, out VersionRange? range) && range != null)
            {
                return new ToolchainVersionRequest(s, null, 0, null, range);
            }

            throw new GoBuildException("InvalidToolchainVersion", text);
        }

        GoVersion? exact = GoVersion.TryParse(s);
        if (exact == null)
        {
            throw new GoBuildException("InvalidToolchainVersion", text);
        }

        // Store the release the request names, so go1.22 and go1.22.0 are one request.
        return new ToolchainVersionRequest(s, GoVersion.TryParse(exact.ToolchainName)!, 0, null, null);
    }

    /// <summary>Whether the release <paramref name="version"/> satisfies this request.</summary>
    public bool IsSatisfiedBy(GoVersion version)
    {
        if (Exact != null)
        {
            return Exact.Equals(version);
        }

        if (_range != null)
        {
            if (version.IsPrerelease && !RangeAllowsPrereleases)
            {
                return false;
            }

            return _range.Satisfies(version.ToNuGetVersion());
        }

        // Floating: the stable releases of one line.
        return !version.IsPrerelease && version.Major == _floatMajor && (_floatMinor == null || version.Minor == _floatMinor);
    }

    /// <summary>
    /// The newest release from <paramref name="available"/> that satisfies this request, or null.
    /// Releases the index marks unstable count only for an exact request or a range with a
    /// prerelease bound (the NuGet rule).
    /// </summary>
    public GoVersion? SelectFrom(IEnumerable<(GoVersion Version, bool Stable)> available)
    {
        bool allowUnstable = Exact != null || (_range != null && RangeAllowsPrereleases);
        return available
            .Where(r => (r.Stable || allowUnstable) && IsSatisfiedBy(r.Version))
            .Select(r => r.Version)
            .OrderByDescending(v => v)
            .FirstOrDefault();
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private bool RangeAllowsPrereleases =>
        (_range!.MinVersion?.IsPrerelease ?? false) || (_range.MaxVersion?.IsPrerelease ?? false);
}
