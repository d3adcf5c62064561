using System;
using System.IO;

namespace GoBuild.Tasks.Go;

/// <summary>Finds a module root the way <c>go</c> does: the nearest go.mod at or above a folder.</summary>
public static class GoModule
{
    /// <summary>The folder holding the nearest go.mod at or above <paramref name="directory"/>, or null.</summary>
    public static string? FindRoot(string directory)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(directory)); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "go.mod")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

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
