using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The files the build compiles out of the module cache, for the verification's up-to-date check:
/// each dependency package folder <c>go list -deps</c> named (with a trailing separator, so the
/// targets can list it again with a wildcard and notice an added file) and the files in it, plus
/// embedded files. A file edited, added or removed in one of them after <c>go mod verify</c>
/// passed makes the next build verify again, and go mod verify re-hashes the extracted trees.
/// Folders outside the module cache (local replacements) are sources of the build, not of the cache.
/// </summary>
public sealed class ModuleSources
{
    private ModuleSources(IReadOnlyList<string> directories, IReadOnlyList<string> files)
    {
        Directories = directories;
        Files = files;
    }

    /// <summary>No sources (vendored or module-free builds, or GoModMode=mod).</summary>
    public static ModuleSources None { get; } = new(Array.Empty<string>(), Array.Empty<string>());

    /// <summary>The package folders, each ending with the directory separator.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>The files directly in those folders, and the embedded files.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Collects the sources under <paramref name="moduleCache"/> of the folders and embedded files go listed.</summary>
    public static ModuleSources Collect(string moduleCache, IEnumerable<string> directories, IEnumerable<string> embeddedFiles)
    {
        string root = Path.GetFullPath(moduleCache).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        StringComparison comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string directory in directories.Where(d => d.Trim().Length > 0))
        {
            string full = Path.GetFullPath(directory.Trim()).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (full.StartsWith(root, comparison) && Directory.Exists(full))
            {
                folders.Add(full);
            }
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            files.UnionWith(Directory.EnumerateFiles(folder));
        }

        foreach (string file in embeddedFiles.Where(f => f.Trim().Length > 0).Select(f => Path.GetFullPath(f.Trim())))
        {
            if (file.StartsWith(root, comparison) && File.Exists(file))
            {
                files.Add(file);
            }
        }

        return new ModuleSources(folders.ToList(), files.ToList());
    }
}
