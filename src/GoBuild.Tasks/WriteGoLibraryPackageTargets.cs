using System;
using System.IO;
using GoBuild.Tasks.Interop;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>Writes the <c>buildTransitive/&lt;PackageId&gt;.targets</c> of a package holding a Go c-shared library (<see cref="GoLibraryPackageTargets"/>).</summary>
public sealed class WriteGoLibraryPackageTargets : CodedTask
{
    /// <summary>The package id.</summary>
    [Required]
    public string PackageId { get; set; } = string.Empty;

    /// <summary>The package version.</summary>
    [Required]
    public string PackageVersion { get; set; } = string.Empty;

    /// <summary>The c-shared libraries (one per RID): their file names give the library name.</summary>
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The library name (GoOutputName), which .NET resolves on every RID.</summary>
    [Required]
    public string LibraryName { get; set; } = string.Empty;

    /// <summary>Whether the package has a build/&lt;PackageId&gt;.targets to import too.</summary>
    public bool ImportBuild { get; set; }

    /// <summary>The file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        if (Libraries.Length == 0)
        {
            return;
        }

        string message = Resources.Format("TwoGoRuntimes", GoLibraryPackageTargets.MessageArguments);
        Log.ExtractMessageCode(message, out string text);
        RecordFiles.WriteIfDifferent(Path.GetFullPath(OutputFile), GoLibraryPackageTargets.Create(PackageId, PackageVersion, new[] { LibraryName }, ImportBuild, text));
    }
}
