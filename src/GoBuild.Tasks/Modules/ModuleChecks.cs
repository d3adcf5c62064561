using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The checks that need no go process: go.sum against go.mod, and go.sum against what the module
/// cache holds (the .mod files and the .ziphash go wrote at download). go itself only compares
/// go.sum with the cache when it loads a module, and <c>go mod verify</c> only compares the cache
/// with itself, so a go.sum edited after download is caught here.
/// </summary>
public sealed class ModuleChecks
{
    private readonly GoModFile _goMod;
    private readonly GoSumFile? _goSum;
    private readonly ModuleCache _cache;
    private readonly IReadOnlyCollection<ModuleVersion>? _selected;

    /// <summary>
    /// Creates the checks; <paramref name="goSum"/> is null when the module has no go.sum.
    /// <paramref name="selected"/> is the build list go selected for a workspace
    /// (<see cref="WorkspaceSelection"/>): only those versions need their content in the cache (go
    /// still reads the go.mod of every required version); null: every requirement does.
    /// </summary>
    public ModuleChecks(GoModFile goMod, GoSumFile? goSum, ModuleCache cache, IReadOnlyCollection<ModuleVersion>? selected = null)
    {
        _goMod = goMod;
        _goSum = goSum;
        _cache = cache;
        _selected = selected;
    }

    /// <summary>The module versions the build resolves go.mod's requirements to (local replacements excluded).</summary>
    public IReadOnlyList<ModuleVersion> Requirements => _goMod.ResolvedRequirements();

    /// <summary>
    /// go.sum is present and holds the go.mod hash of every requirement (go reads each required
    /// go.mod to build the module graph). Content hashes are needed only for modules that provide
    /// packages, which only go can tell (see <see cref="GoModuleOutput"/>).
    /// </summary>
    public IReadOnlyList<ModuleProblem> CheckGoSum()
    {
        IReadOnlyList<ModuleVersion> requirements = Requirements;
        if (requirements.Count == 0)
        {
            return new ModuleProblem[0];
        }

        if (_goSum == null)
        {
            string others = requirements.Count == 1 ? string.Empty : $" and {requirements.Count - 1} more";
            return new[] { new ModuleProblem(ModuleProblemKind.GoSumMissing, requirements[0], others) };
        }

        return requirements
            .Where(r => !_goSum.Has(r, goMod: true))
            .Select(r => new ModuleProblem(ModuleProblemKind.GoSumEntryMissing, r, "go.mod"))
            .ToList();
    }

    /// <summary>Every requirement is in the module cache, as far as go.sum says the build needs it.</summary>
    public IReadOnlyList<ModuleProblem> CheckRestored()
    {
        var problems = new List<ModuleProblem>();
        foreach (ModuleVersion module in Requirements)
        {
            string goModFile = _cache.GoModFile(module);
            if (!File.Exists(goModFile))
            {
                problems.Add(new ModuleProblem(ModuleProblemKind.NotRestored, module, goModFile));
                continue;
            }

            if (_goSum != null && _goSum.Has(module, goMod: false) && NeedsContent(module) && !HasContent(module))
            {
                problems.Add(new ModuleProblem(ModuleProblemKind.NotRestored, module, _cache.ZipHashFile(module)));
            }
        }

        return problems;
    }

    /// <summary>
    /// Every hash go.sum records for a requirement matches the cache: the go.mod file hashed here,
    /// the content by the .ziphash go wrote when it downloaded and checked the zip.
    /// </summary>
    public IReadOnlyList<ModuleProblem> CheckHashes()
    {
        var problems = new List<ModuleProblem>();
        if (_goSum == null)
        {
            return problems;
        }

        foreach (ModuleVersion module in Requirements)
        {
            string goModFile = _cache.GoModFile(module);
            IReadOnlyList<string> goModHashes = _goSum.HashesOf(module, goMod: true);
            if (goModHashes.Count > 0 && File.Exists(goModFile))
            {
                string actual = ModuleHash.OfGoMod(File.ReadAllBytes(goModFile));
                if (!goModHashes.Contains(actual))
                {
                    problems.Add(Mismatch(module + "/go.mod", module, actual, goModHashes[0]));
                }
            }

            IReadOnlyList<string> zipHashes = _goSum.HashesOf(module, goMod: false);
            string zipHashFile = _cache.ZipHashFile(module);
            if (zipHashes.Count > 0 && File.Exists(zipHashFile))
            {
                string actual = File.ReadAllText(zipHashFile).Trim();
                if (!zipHashes.Contains(actual))
                {
                    problems.Add(Mismatch(module.ToString(), module, actual, zipHashes[0]));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The cache files restore provided, for restore's up-to-date check: while all of them exist
    /// (and go.mod, go.sum and the settings are unchanged) restore has nothing to do.
    /// </summary>
    public IEnumerable<string> RestoredFiles()
    {
        var files = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (ModuleVersion module in Requirements)
        {
            files.Add(_cache.GoModFile(module));
        }

        if (_goSum != null)
        {
            foreach ((ModuleVersion module, bool goMod) in _goSum.Entries)
            {
                files.Add(goMod ? _cache.GoModFile(module) : _cache.ZipHashFile(module));
            }
        }

        return files.Where(File.Exists);
    }

    /// <summary>Whether every requirement, and every module version go.sum lists, is in the cache: restore has nothing to do.</summary>
    public bool IsFullyRestored()
    {
        if (CheckRestored().Count > 0)
        {
            return false;
        }

        return _goSum == null || _goSum.Entries.All(e => e.GoMod
            ? File.Exists(_cache.GoModFile(e.Module))
            : !NeedsContent(e.Module) || (HasContent(e.Module) && File.Exists(_cache.InfoFile(e.Module))));
    }

    // A version go does not select for the workspace is never built: its go.mod is read, its content is not.
    private bool NeedsContent(ModuleVersion module) => _selected == null || _selected.Contains(module);

    private bool HasContent(ModuleVersion module) =>
        File.Exists(_cache.ZipHashFile(module)) &&
        (File.Exists(_cache.ZipFile(module)) || Directory.Exists(_cache.ExtractedDirectory(module)));

    // The text go prints for a checksum mismatch, so the message reads the same whoever found it.
    private static ModuleProblem Mismatch(string what, ModuleVersion module, string actual, string recorded) =>
        new(ModuleProblemKind.ChecksumMismatch, module, $"""
            verifying {what}: checksum mismatch
            	module cache: {actual}
            	go.sum:       {recorded}
            SECURITY ERROR: the module cache does not hold what go.sum records.
            """);
}
