using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Referencing project side: fails with GOB5102 when the project's reference closure holds two or
/// more Go c-shared libraries. Each brings its own Go runtime into the process, and Go supports one
/// (golang/go#65050): the second runtime's signal handlers and threads fight the first.
/// </summary>
public sealed class CheckGoRuntimes : CodedTask
{
    /// <summary>
    /// Every Go library in the closure: metadata GoBuildMode, LibraryName, ReferencedBy (the project whose
    /// ProjectReference names it); for one from a NuGet package made by this SDK, PackageId and Version.
    /// </summary>
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>This project's file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        var shared = Libraries
            .Where(l => string.Equals(l.GetMetadata("GoBuildMode").Trim(), "c-shared", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Key, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (shared.Count < 2)
        {
            return;
        }

        string root = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        string list = string.Join("; ", shared.Select(g =>
        {
            string package = g.First().GetMetadata("PackageId");
            if (package.Length > 0)
            {
                return $"{g.First().GetMetadata("LibraryName")} (NuGet package {package} {g.First().GetMetadata("Version")})";
            }

            string by = string.Join(", ", g.Select(l => l.GetMetadata("ReferencedBy")).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(r => Path.GetFileName(r)));
            return $"{g.First().GetMetadata("LibraryName")} ({Relative(root, g.Key)}, referenced by {by})";
        }));
        throw new GoBuildException("TwoGoRuntimes", Path.GetFileName(ProjectFile), shared.Count, list);
    }

    // A Go project by its file; a package's library by its package id (the same package reaches an app through several projects).
    private static string Key(ITaskItem library)
    {
        string package = library.GetMetadata("PackageId");
        return package.Length > 0 ? "package:" + package : Path.GetFullPath(library.ItemSpec);
    }

    private static string Relative(string root, string path)
    {
        var from = new Uri(root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar);
        return Uri.UnescapeDataString(from.MakeRelativeUri(new Uri(path)).ToString());
    }
}
