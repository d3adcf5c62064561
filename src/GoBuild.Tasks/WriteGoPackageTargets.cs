using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Packaging;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// Writes the <c>build/&lt;PackageId&gt;.targets</c> file that <c>dotnet pack</c> puts into a Go
/// package, so that an app referencing the package gets its Go programs next to it. The file is
/// rewritten only when its content changes.
/// </summary>
public sealed class WriteGoPackageTargets : CodedTask
{
    /// <summary>The package id.</summary>
    [Required]
    public string PackageId { get; set; } = string.Empty;

    /// <summary>The programs of the package; metadata RuntimeIdentifier.</summary>
    public ITaskItem[] Executables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        KeyValuePair<string, string>[] programs = Executables
            .Select(i => new KeyValuePair<string, string>(i.GetMetadata("RuntimeIdentifier"), Path.GetFileName(i.ItemSpec)))
            .ToArray();
        string text = PackageConsumerTargets.Create(PackageId, programs);
        string path = Path.GetFullPath(OutputFile);
        if (!File.Exists(path) || !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
