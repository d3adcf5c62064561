namespace GoBuild.Tasks.Modules;

/// <summary>What is wrong with a module version; each kind has its own GOB3xxx code.</summary>
public enum ModuleProblemKind
{
    /// <summary>go.mod requires modules but there is no go.sum (GOB3002).</summary>
    GoSumMissing,

    /// <summary>go.sum lacks a hash the build needs (GOB3003).</summary>
    GoSumEntryMissing,

    /// <summary>The module cache holds something other than what go.sum records (GOB3004).</summary>
    ChecksumMismatch,

    /// <summary>The module version is not in the module cache: restore did not run (GOB3005).</summary>
    NotRestored,

    /// <summary><c>go mod verify</c>: the cached module changed since it was downloaded (GOB3006).</summary>
    CacheModified,

    /// <summary>vendor/modules.txt disagrees with go.mod (GOB3007).</summary>
    VendorInconsistent,
}

/// <summary>One finding of module verification: its kind, the module version, and the details for the message.</summary>
public sealed class ModuleProblem
{
    /// <summary>Creates the finding.</summary>
    public ModuleProblem(ModuleProblemKind kind, ModuleVersion module, string detail)
    {
        Kind = kind;
        Module = module;
        Detail = detail;
    }

    /// <summary>What is wrong.</summary>
    public ModuleProblemKind Kind { get; }

    /// <summary>The module version it concerns.</summary>
    public ModuleVersion Module { get; }

    /// <summary>The kind-specific part of the message (which hash, which file, go's own text).</summary>
    public string Detail { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Module.Path} {Module.Version}: {Detail}";
}
