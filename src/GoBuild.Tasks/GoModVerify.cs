using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks;

/// <summary>
/// Checks the module's supply chain before it is compiled, and fails with one coded error per
/// module version at fault: go.sum missing or lacking a needed hash (GOB3002, GOB3003), the cache
/// not matching go.sum (GOB3004, with go's SECURITY ERROR when go found it), a module not restored
/// (GOB3005), a cached module changed since download (GOB3006, <c>go mod verify</c>), or
/// vendor/modules.txt disagreeing with go.mod (GOB3007). Never writes go.mod or go.sum.
/// </summary>
/// <remarks>
/// No single go command covers all of these: <c>go mod verify</c> compares the cache with itself
/// and passes with an edited go.sum; go compares go.sum with the cache only for the modules it
/// loads. So the task compares go.sum with the cache itself, lets <c>go list -deps</c> name the
/// hashes the package needs, and runs <c>go mod verify</c> for the cached files.
/// </remarks>
public sealed class GoModVerify : GoTaskBase
{
    /// <summary>GoPackage: the package whose dependencies must be complete in go.sum.</summary>
    public string? Package { get; set; }

    /// <summary>GoTags: build tags change which packages are imported.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Where to write, one per line, the module cache files the build compiles (the package folders'
    /// files and embedded files), for the next up-to-date check: a file changed in the cache after
    /// verification makes the next build verify again. The download files (.mod, .ziphash) are in
    /// restore's record, which the verification's up-to-date check reads too.
    /// </summary>
    public string? InputsFile { get; set; }

    /// <summary>Where to write the package folders of <see cref="InputsFile"/>, one per line: the targets list them again to notice an added file.</summary>
    public string? DirectoriesFile { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        string? root = GoModule.FindRoot(ProjectDirectory);
        if (root == null)
        {
            // GoBuild reports the missing go.mod (GOB2003).
            return;
        }

        Dictionary<string, string> decided = ReadEnvironment();
        string mode = Records.EnvironmentRecord.ModMode(decided);
        ModuleSet set = ModuleSet.Load(root, WorkFileOf(decided));
        GoModFile goMod = set.GoMod;
        if (mode == "vendor")
        {
            // A `go work vendor` tree is checked by go itself when it builds in vendor mode.
            if (set.WorkFile == null)
            {
                VerifyVendor(root, goMod);
            }

            WriteSources(ModuleSources.None);
            return;
        }

        root = set.Root;
        GoSumFile? goSum = set.GoSum;
        GoCacheLocations caches = CacheLocations(decided);
        var checks = new ModuleChecks(goMod, goSum, new ModuleCache(caches.ModuleCache), WorkspaceSelection.Load(set, caches));
        if (checks.Requirements.Count == 0)
        {
            WriteSources(ModuleSources.None);
            return;
        }

        // What needs no go process first; with go.sum or the cache incomplete, go would only repeat it less clearly.
        // In mod mode go may add hashes to go.sum itself, as asked; it may not accept different ones.
        var problems = new List<ModuleProblem>(mode == "mod" ? Array.Empty<ModuleProblem>() : checks.CheckGoSum());
        if (problems.Count == 0)
        {
            problems.AddRange(checks.CheckRestored());
        }

        if (Report(problems, root))
        {
            return;
        }

        GoToolchain toolchain = OpenToolchain();
        using IDisposable cores = RequestCores(int.MaxValue);
        Dictionary<string, string> env = LoadEnvironment(toolchain);

        // In mod mode go may change the module graph while it lists, so that mode records no sources.
        ModuleSources sources = ModuleSources.None;
        if (mode != "mod")
        {
            problems.AddRange(ListPackageProblems(toolchain, env, root, goMod, caches.ModuleCache, out sources));
        }

        // go reports a mismatch only for what it loads; go.sum's other hashes are compared here.
        problems.AddRange(checks.CheckHashes().Where(p => !problems.Any(q => q.Kind == p.Kind && q.Module.Equals(p.Module))));
        if (Report(problems, root))
        {
            return;
        }

        (int exitCode, IReadOnlyList<string> lines) = CaptureGo(toolchain, new[] { "mod", "verify" }, env, root);
        if (exitCode != 0)
        {
            var failures = GoModuleOutput.ChecksumMismatches(lines).Concat(GoModuleOutput.VerifyFailures(lines)).ToList();
            if (!Report(failures, root))
            {
                Log.LogErrorWithCodeFromResources("ModuleCheckFailed", "mod verify", root, exitCode, Tail(lines));
            }

            return;
        }

        WriteSources(sources);
    }

    private void WriteSources(ModuleSources sources)
    {
        ModuleInputs.Write(InputsFile, sources.Files);
        ModuleInputs.Write(DirectoriesFile, sources.Directories);
    }

    // go list -e -deps names the modules the package needs: a missing content hash in go.sum, a
    // module missing from the cache, or (fatal, on stderr) a mismatch with go's SECURITY ERROR.
    // The same go list names the package folders the build compiles out of the module cache.
    private IEnumerable<ModuleProblem> ListPackageProblems(GoToolchain toolchain, Dictionary<string, string> env, string root, GoModFile goMod, string moduleCache, out ModuleSources sources)
    {
        var arguments = new List<string> { "list", "-e", "-deps" };
        string tags = string.Join(",", Tags.SelectMany(t => t.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(t => t.Trim()));
        if (tags.Length > 0)
        {
            arguments.Add("-tags=" + tags);
        }

        arguments.AddRange(new[] { "-f", GoModuleOutput.ListTemplate });
        arguments.AddRange(GoPackageSelection.ParsePatterns(ProjectDirectory, Package));
        (int exitCode, IReadOnlyList<string> output) = CaptureGo(toolchain, arguments, env, ProjectDirectory);
        (IReadOnlyList<string> directories, IReadOnlyList<string> embedded, IReadOnlyList<string> lines) = GoModuleOutput.SplitSources(output);
        sources = ModuleSources.Collect(moduleCache, directories, embedded);
        var problems = GoModuleOutput.ChecksumMismatches(lines).Concat(GoModuleOutput.ListProblems(lines, goMod)).ToList();
        if (exitCode != 0 && problems.Count == 0)
        {
            Log.LogErrorWithCodeFromResources("ModuleCheckFailed", CommandLine.Join(arguments), root, exitCode, Tail(lines));
        }

        return problems;
    }

    private void VerifyVendor(string root, GoModFile goMod)
    {
        string modulesTxt = Path.Combine(root, "vendor", "modules.txt");
        if (!File.Exists(modulesTxt))
        {
            foreach (ModuleVersion required in goMod.Requires)
            {
                ModuleProblemLog.LogError(Log, new ModuleProblem(ModuleProblemKind.VendorInconsistent, required, "is required in go.mod, but there is no vendor/modules.txt (GoModMode is vendor)"), root);
            }

            return;
        }

        foreach ((ModuleVersion module, string problem) in VendorModulesFile.Load(modulesTxt).Disagreements(goMod))
        {
            ModuleProblemLog.LogError(Log, new ModuleProblem(ModuleProblemKind.VendorInconsistent, module, problem), root);
        }
    }

    private bool Report(IEnumerable<ModuleProblem> problems, string root)
    {
        bool any = false;
        foreach (ModuleProblem problem in problems)
        {
            ModuleProblemLog.LogError(Log, problem, root);
            any = true;
        }

        return any || Log.HasLoggedErrors;
    }

    private static string Tail(IReadOnlyList<string> lines) => string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - 20)));
}
