using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// A semantic version as the Go vulnerability database writes it in OSV ranges: without the
/// leading <c>v</c> (<c>1.2.3</c>, <c>0.0.0-20190125091013-d26f9f9a57f3</c>, <c>1.19.0-0</c>), ordered by
/// semver 2.0 precedence (build metadata such as <c>+incompatible</c> ignored), so pseudo-versions
/// sort by their timestamp, which is what their prerelease part holds.
/// </summary>
public sealed class OsvVersion : IComparable<OsvVersion>
{
    private readonly string[] _prerelease;

    private OsvVersion(long major, long minor, long patch, string[] prerelease, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        Text = text;
    }

    /// <summary>The major number.</summary>
    public long Major { get; }

    /// <summary>The minor number.</summary>
    public long Minor { get; }

    /// <summary>The patch number.</summary>
    public long Patch { get; }

    /// <summary>The text it was parsed from.</summary>
    public string Text { get; }

    /// <summary>Whether it has a prerelease part (pseudo-versions do).</summary>
    public bool IsPrerelease => _prerelease.Length > 0;

    /// <summary>Parses <c>MAJOR.MINOR.PATCH[-pre][+build]</c>, with or without a leading <c>v</c>; null when it is not one.</summary>
    public static OsvVersion? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string s = text!.Trim();
        if (s.StartsWith("v", StringComparison.Ordinal))
        {
            s = s.Substring(1);
        }

        int plus = s.IndexOf('+');
        string core = plus >= 0 ? s.Substring(0, plus) : s;
        int dash = core.IndexOf('-');
        string numbers = dash >= 0 ? core.Substring(0, dash) : core;
        string[] prerelease = dash >= 0 ? core.Substring(dash + 1).Split('.') : Array.Empty<string>();
        string[] parts = numbers.Split('.');
        if (parts.Length != 3 || !TryNumber(parts[0], out long major) || !TryNumber(parts[1], out long minor) || !TryNumber(parts[2], out long patch))
        {
            return null;
        }

        foreach (string identifier in prerelease)
        {
            if (identifier.Length == 0)
            {
                return null;
            }
        }

        return new OsvVersion(major, minor, patch, prerelease, text.Trim());
    }

    /// <summary>
    /// A Go module version (<c>v1.2.3</c>, <c>v2.0.0+incompatible</c>, a pseudo-version) in the
    /// database's form; null for versions that cannot be affected by a range (<c>(devel)</c>, empty).
    /// </summary>
    public static OsvVersion? FromModuleVersion(string? version) =>
        version != null && version.StartsWith("v", StringComparison.Ordinal) ? TryParse(version) : null;

    /// <summary>
    /// A Go release (<c>go1.22.12</c>, <c>go1.21rc2</c>, <c>go1.20</c>, <c>go1.26.11 X:boringcrypto</c>)
    /// as the database writes the versions of the <c>stdlib</c> and <c>toolchain</c> modules:
    /// <c>1.22.12</c>, <c>1.21.0-rc.2</c>, <c>1.20.0</c> (golang.org/x/vuln's GoTagToSemver).
    /// </summary>
    public static OsvVersion? FromGoVersion(string? goVersion)
    {
        if (string.IsNullOrWhiteSpace(goVersion))
        {
            return null;
        }

        string s = goVersion!.Trim();
        int space = s.IndexOfAny(new[] { ' ', '\t' });
        if (space >= 0)
        {
            s = s.Substring(0, space);
        }

        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        string kind = string.Empty;
        string number = string.Empty;
        foreach (string candidate in new[] { "rc", "beta", "alpha" })
        {
            int at = s.IndexOf(candidate, StringComparison.Ordinal);
            if (at > 0)
            {
                kind = candidate;
                number = s.Substring(at + candidate.Length);
                s = s.Substring(0, at);
                break;
            }
        }

        string[] parts = s.Split('.');
        if (parts.Length == 2)
        {
            s += ".0";
        }
        else if (parts.Length != 3)
        {
            return null;
        }

        return TryParse(kind.Length == 0 ? s : s + "-" + kind + "." + (number.Length == 0 ? "0" : number));
    }

    /// <inheritdoc/>
    public int CompareTo(OsvVersion? other)
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
            c = Patch.CompareTo(other.Patch);
        }

        return c != 0 ? c : ComparePrerelease(_prerelease, other._prerelease);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    // semver 2.0 §11: a release sorts after its prereleases; identifiers compare numerically when
    // both are numbers, numbers sort before words, and a longer list wins when all else is equal.
    private static int ComparePrerelease(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return b.Count.CompareTo(a.Count);
        }

        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            bool aNumber = TryNumber(a[i], out long an);
            bool bNumber = TryNumber(b[i], out long bn);
            int c = aNumber && bNumber ? an.CompareTo(bn)
                : aNumber ? -1
                : bNumber ? 1
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static bool TryNumber(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 18)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
