using System;
using System.Text;

namespace GoBuild.Tasks.Modules;

/// <summary>A module path and version, as go.mod, go.sum and go print them (<c>example.com/m v1.2.3</c>).</summary>
public readonly struct ModuleVersion : IEquatable<ModuleVersion>
{
    /// <summary>Creates the pair; <paramref name="version"/> is empty for a path-only (wildcard or local) entry.</summary>
    public ModuleVersion(string path, string version)
    {
        Path = path ?? string.Empty;
        Version = version ?? string.Empty;
    }

    /// <summary>The module path.</summary>
    public string Path { get; }

    /// <summary>The version, or empty.</summary>
    public string Version { get; }

    /// <summary>The form go uses in messages: <c>path@version</c>, or the path alone.</summary>
    public override string ToString() => Version.Length == 0 ? Path : Path + "@" + Version;

    /// <inheritdoc/>
    public bool Equals(ModuleVersion other) => string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Version, other.Version, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModuleVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ (StringComparer.Ordinal.GetHashCode(Version) * 31);

    /// <summary>
    /// go's case-encoding of a path or version for the module cache and proxies: each upper-case
    /// letter becomes <c>!</c> and its lower-case form, so that case-insensitive file systems work.
    /// </summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        foreach (char c in value)
        {
            if (c >= 'A' && c <= 'Z')
            {
                builder.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
