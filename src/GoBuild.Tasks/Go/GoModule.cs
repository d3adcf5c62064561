using System;
using System.Collections.Generic;
using System.IO;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Finds files the way <c>go</c> does: the nearest go.mod (the module root) or go.work at or above
/// a folder. The one "find the file above" helper of the SDK; it can also report every candidate
/// it looked for and did not find, so a decision record knows which new file would change it.
/// </summary>
public static class GoModule
{
    /// <summary>The nearest file named <paramref name="name"/> at or above <paramref name="directory"/>, or null.</summary>
    public static string? FindAbove(string directory, string name) => FindAbove(directory, name, null);

    /// <summary>
    /// The nearest file named <paramref name="name"/> at or above <paramref name="directory"/>, or
    /// null; every path looked at before it (absent) is added to <paramref name="absent"/>.
    /// </summary>
    public static string? FindAbove(string directory, string name, ICollection<string>? absent)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(directory)); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            absent?.Add(candidate);
        }

        return null;
    }

    /// <summary>The folder holding the nearest go.mod at or above <paramref name="directory"/>, or null.</summary>
    public static string? FindRoot(string directory) =>
        FindAbove(directory, "go.mod") is { } goMod ? Path.GetDirectoryName(goMod) : null;

    /// <summary>
    /// The package argument for <paramref name="package"/>, a folder relative to
    /// <paramref name="projectDirectory"/> or an import path: folders get a <c>./</c> prefix and
    /// forward slashes, because go reads a bare <c>cmd/tool</c> as a standard-library path.
    /// </summary>
    public static string NormalizePackage(string projectDirectory, string? package)
    {
        string value = string.IsNullOrWhiteSpace(package) ? "." : package!.Trim();
        if (value == "." || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal))
        {
            return value;
        }

        if (value.StartsWith(".\\", StringComparison.Ordinal) || value.StartsWith("..\\", StringComparison.Ordinal))
        {
            return value.Replace('\\', '/');
        }

        // A backslash is a folder separator on every OS here (a project file written on Windows):
        // import paths never hold one, and on Unix `cmd\tool` would name no folder.
        string folder = value.Replace('\\', '/').TrimEnd('/');
        if (!Path.IsPathRooted(value) && Directory.Exists(Path.Combine(projectDirectory, folder)))
        {
            return "./" + folder;
        }

        return value;
    }
}
