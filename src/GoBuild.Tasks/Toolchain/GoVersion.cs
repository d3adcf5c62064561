using System;
using System.Globalization;
using System.Text;
using NuGet.Versioning;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// A Go version in Go's own grammar (cmd/go's <c>gover</c> package): <c>1.26.11</c> (a release),
/// <c>1.27rc1</c> / <c>1.21beta1</c> (prereleases of X.Y.0), and <c>1.22</c> (a language
/// version, as on a go.mod <c>go</c> line). Order: <c>1.21 &lt; 1.21rc1 &lt; 1.21.0 &lt; 1.21.1</c>.
/// Before Go 1.21 a missing patch is the same as <c>.0</c> (<c>1.20 == 1.20.0</c>) and the first
/// release of a minor carries no <c>.0</c> in its name (<c>go1.20</c>).
/// </summary>
public sealed class GoVersion : IComparable<GoVersion>, IEquatable<GoVersion>
{
    private GoVersion(int major, int minor, int? patch, string kind, int prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Kind = kind;
        Prerelease = prerelease;
    }

    /// <summary>The major version (1).</summary>
    public int Major { get; }

    /// <summary>The minor version (26 in 1.26.11).</summary>
    public int Minor { get; }

    /// <summary>The patch, or null when absent (a language version or a prerelease).</summary>
    public int? Patch { get; }

    /// <summary><c>""</c> for releases and language versions; <c>alpha</c>, <c>beta</c> or <c>rc</c>.</summary>
    public string Kind { get; }

    /// <summary>The prerelease number (1 in rc1).</summary>
    public int Prerelease { get; }

    /// <summary>Whether this is a prerelease (<c>rc</c>, <c>beta</c>, <c>alpha</c>).</summary>
    public bool IsPrerelease => Kind.Length > 0;

    /// <summary>Whether this names a language version only (<c>1.22</c> from Go 1.21 on), not a release.</summary>
    public bool IsLanguageVersion => Patch == null && Kind.Length == 0;

    /// <summary>
    /// The name of the release that provides this version, as the download site and
    /// <c>go env GOVERSION</c> spell it: <c>go1.26.11</c>, <c>go1.27rc1</c>, <c>go1.20</c>;
    /// a language version from 1.21 on names its first release (<c>1.22</c> → <c>go1.22.0</c>).
    /// </summary>
    public string ToolchainName
    {
        get
        {
            var name = new StringBuilder("go");
            name.Append(Major.ToString(CultureInfo.InvariantCulture));
            if (Kind.Length > 0)
            {
                name.Append('.').Append(Minor.ToString(CultureInfo.InvariantCulture)).Append(Kind);
                if (Prerelease > 0)
                {
                    name.Append(Prerelease.ToString(CultureInfo.InvariantCulture));
                }

                return name.ToString();
            }

            int patch = Patch ?? 0;
            if (!NamesFirstReleaseWithZero && patch == 0)
            {
                // go1, go1.20: releases before 1.21 have no .0.
                if (Minor > 0 || Major > 1)
                {
                    name.Append('.').Append(Minor.ToString(CultureInfo.InvariantCulture));
                }

                return name.ToString();
            }

            name.Append('.').Append(Minor.ToString(CultureInfo.InvariantCulture));
            name.Append('.').Append(patch.ToString(CultureInfo.InvariantCulture));
            return name.ToString();
        }
    }

    /// <summary>From Go 1.21 on the first release of a minor is X.Y.0 and X.Y alone is a language version.</summary>
    private bool NamesFirstReleaseWithZero => Major > 1 || Minor >= 21;

    /// <summary>Parses <paramref name="text"/> with or without the <c>go</c> prefix; null when it is not a Go version.</summary>
    public static GoVersion? TryParse(string? text)
    {
        if (text == null)
        {
            return null;
        }

        string s = text.Trim();
        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        int i = 0;
        if (!TryReadInt(s, ref i, out int major))
        {
            return null;
        }

        if (i == s.Length)
        {
            // "1" means 1.0.0 (the release named go1).
            return new GoVersion(major, 0, 0, string.Empty, 0);
        }

        if (s[i] != '.')
        {
            return null;
        }

        i++;
        if (!TryReadInt(s, ref i, out int minor))
        {
            return null;
        }

        if (i == s.Length)
        {
            bool lang = major > 1 || minor >= 21;
            return new GoVersion(major, minor, lang ? null : 0, string.Empty, 0);
        }

        if (s[i] == '.')
        {
            i++;
            // Go allows no prerelease of a patch release (1.21.3rc1 is not a version).
            return TryReadInt(s, ref i, out int patch) && i == s.Length
                ? new GoVersion(major, minor, patch, string.Empty, 0)
                : null;
        }

        int kindStart = i;
        while (i < s.Length && s[i] >= 'a' && s[i] <= 'z')
        {
            i++;
        }

        string kind = s.Substring(kindStart, i - kindStart);
        if (kind != "alpha" && kind != "beta" && kind != "rc")
        {
            return null;
        }

        if (i == s.Length)
        {
            return new GoVersion(major, minor, null, kind, 0);
        }

        return TryReadInt(s, ref i, out int pre) && i == s.Length
            ? new GoVersion(major, minor, null, kind, pre)
            : null;
    }

    /// <summary>
    /// This version as a NuGet version, for NuGet-style ranges: <c>1.26.11</c> → 1.26.11,
    /// <c>1.27rc1</c> → 1.27.0-rc.1 (so a prerelease sorts before its release, as in Go).
    /// </summary>
    public NuGetVersion ToNuGetVersion() => Kind.Length > 0
        ? new NuGetVersion(Major, Minor, 0, Kind + "." + Prerelease.ToString(CultureInfo.InvariantCulture))
        : new NuGetVersion(Major, Minor, Patch ?? 0);

    /// <inheritdoc/>
    public int CompareTo(GoVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        if (c == 0)
        {
            // A missing patch (language version or prerelease) sorts before X.Y.0.
            c = (Patch ?? -1).CompareTo(other.Patch ?? -1);
        }

        if (c == 0)
        {
            // "" < alpha < beta < rc, as in gover.
            c = string.CompareOrdinal(Kind, other.Kind);
        }

        if (c == 0)
        {
            c = Prerelease.CompareTo(other.Prerelease);
        }

        return Math.Sign(c);
    }

    /// <inheritdoc/>
    public bool Equals(GoVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GoVersion);

    /// <inheritdoc/>
    public override int GetHashCode() => (Major * 1000 + Minor) * 1000 + (Patch ?? -1) + Kind.GetHashCode() * 31 + Prerelease;

    /// <summary>The version as Go writes it without the prefix: <c>1.26.11</c>, <c>1.22</c>, <c>1.27rc1</c>.</summary>
    public override string ToString()
    {
        string s = Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
        if (Kind.Length > 0)
        {
            return s + Kind + (Prerelease > 0 ? Prerelease.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        return Patch == null ? s : s + "." + Patch.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryReadInt(string s, ref int i, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            // Go rejects leading zeros ("01"); so do we, so that names stay canonical.
            if (i > start && s[start] == '0')
            {
                return false;
            }

            if (value > 100_000)
            {
                return false;
            }

            value = value * 10 + (s[i] - '0');
            i++;
        }

        return i > start;
    }
}
