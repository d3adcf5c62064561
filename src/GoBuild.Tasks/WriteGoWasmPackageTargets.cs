using System.IO;
using GoBuild.Tasks.Interop;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>Writes the <c>build/&lt;PackageId&gt;.targets</c> of a package holding a wasi-reactor module (<see cref="WasmPackageTargets"/>).</summary>
public sealed class WriteGoWasmPackageTargets : CodedTask
{
    /// <summary>The package id.</summary>
    [Required]
    public string PackageId { get; set; } = string.Empty;

    /// <summary>The module (<c>name.wasm</c>).</summary>
    [Required]
    public string Module { get; set; } = string.Empty;

    /// <summary>The file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ExecuteCore() =>
        RecordFiles.WriteIfDifferent(Path.GetFullPath(OutputFile), WasmPackageTargets.Create(PackageId, Path.GetFileName(Module)));
}
