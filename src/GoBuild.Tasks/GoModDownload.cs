using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// The work of GoRestore: <c>go mod download</c> of the modules go.mod requires, from
/// GoModuleProxy, checked by go against go.sum (and the checksum database), into the module cache,
/// so that the build can run with GOPROXY=off. go works on a copy of go.mod and go.sum, so the
/// module's own go.sum is never written.
/// </summary>
public sealed class GoModDownload : GoTaskBase
{
    /// <summary>A folder of the project's own (under obj/) for the go.mod/go.sum copy.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = string.Empty;

    /// <summary>Where to write the module cache files restore provided, one per line: the next restore is skipped while they all exist.</summary>
    public string? InputsFile { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        string? root = GoModule.FindRoot(ProjectDirectory);
        if (root == null)
        {
            // The build reports the missing go.mod (GOB2003); restore has nothing to fetch.
            return;
        }

        Dictionary<string, string> decided = ReadEnvironment();
        if (Records.EnvironmentRecord.ModMode(decided) == "vendor")
        {
            Log.LogMessage(MessageImportance.Normal, "{0}: modules are vendored; nothing to download.", root);
            ModuleInputs.Write(InputsFile, Array.Empty<string>());
            return;
        }

        // In a workspace the requirements of every module are restored at once, under one lock per workspace.
        ModuleSet set = ModuleSet.Load(root, WorkFileOf(decided));
        root = set.Root;
        GoCacheLocations caches = CacheLocations(decided);
        var checks = new ModuleChecks(set.GoMod, set.GoSum, new ModuleCache(caches.ModuleCache), WorkspaceSelection.Load(set, caches));
        if (checks.Requirements.Count == 0)
        {
            Log.LogMessage(MessageImportance.Normal, "{0}: go.mod requires no modules; nothing to download.", root);
            ModuleInputs.Write(InputsFile, Array.Empty<string>());
            return;
        }

        if (checks.IsFullyRestored())
        {
            Log.LogMessage(MessageImportance.Normal, "{0}: every required module is in the module cache '{1}'.", root, caches.ModuleCache);
            ModuleInputs.Write(InputsFile, checks.RestoredFiles());
            return;
        }

        // Projects that share a module root (and restores in other processes) download in turn: the
        // ones that waited find the modules in the cache and start no go.
        string lockPath = Path.Combine(caches.Root, "locks", "restore-" + PathKey(root) + ".lock");
        using (AcquireLock(lockPath, root))
        {
            // Another restore may have recorded the workspace's selection meanwhile.
            checks = new ModuleChecks(set.GoMod, set.GoSum, new ModuleCache(caches.ModuleCache), WorkspaceSelection.Load(set, caches));
            if (checks.IsFullyRestored())
            {
                Log.LogMessage(MessageImportance.Normal, "{0}: another restore downloaded every required module into '{1}'.", root, caches.ModuleCache);
                ModuleInputs.Write(InputsFile, checks.RestoredFiles());
                return;
            }

            Download(set, caches, checks);
        }
    }

    private IDisposable AcquireLock(string path, string root)
    {
        IDisposable? yielded = null;
        try
        {
            // While another build downloads, this node can build other projects.
            return ToolchainLock.Acquire(
                path,
                root,
                TimeSpan.FromMinutes(30),
                () =>
                {
                    Log.LogMessageFromResources(MessageImportance.Normal, "RestoreWaiting", root, path);
                    yielded = Yield();
                },
                CancellationToken,
                "RestoreLockTimeout");
        }
        finally
        {
            yielded?.Dispose();
        }
    }

    private void Download(ModuleSet set, GoCacheLocations caches, ModuleChecks checks)
    {
        string root = set.Root;
        GoToolchain toolchain = OpenToolchain();
        using IDisposable cores = RequestCores(int.MaxValue);
        Dictionary<string, string> env = LoadEnvironment(toolchain);
        string[] arguments;
        if (set.WorkFile != null)
        {
            // go adds missing hashes to go.work.sum: it gets a copy of the workspace (folders made absolute).
            env["GOWORK"] = CopyWorkspaceFiles(set);

            // -json names the build list go selected (WorkspaceSelection), at no extra go process.
            arguments = new[] { "mod", "download", "-json" };
        }
        else
        {
            string copy = CopyModuleFiles(root, set.GoSum != null);
            arguments = new[] { "mod", "download", "-modfile=" + Path.Combine(copy, "go.mod") };
        }

        (int exitCode, IReadOnlyList<string> lines) = CaptureGo(toolchain, arguments, env, root);
        if (exitCode == 0)
        {
            if (set.WorkFile != null)
            {
                checks = new ModuleChecks(set.GoMod, set.GoSum, new ModuleCache(caches.ModuleCache), WorkspaceSelection.Write(set, caches, lines));
            }

            ModuleInputs.Write(InputsFile, checks.RestoredFiles());
            return;
        }

        IReadOnlyList<ModuleProblem> mismatches = GoModuleOutput.ChecksumMismatches(lines);
        foreach (ModuleProblem problem in mismatches)
        {
            ModuleProblemLog.LogError(Log, problem, root);
        }

        if (mismatches.Count == 0)
        {
            string proxy = env.TryGetValue("GOPROXY", out string? value) ? value : "(Go's default)";
            Log.LogErrorWithCodeFromResources("ModuleDownloadFailed", root, proxy, string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - 20))));
        }
    }

    // A file name for a folder: the first bytes of the SHA-256 of its full path.
    private static string PathKey(string path)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path)));
        return string.Concat(hash.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private string CopyWorkspaceFiles(ModuleSet set)
    {
        string copy = Path.Combine(Path.GetFullPath(IntermediateDirectory), "modules");
        Directory.CreateDirectory(copy);
        string work = Path.Combine(copy, "go.work");
        File.WriteAllText(work, set.RelocatedWorkText());
        string sum = Path.Combine(Path.GetDirectoryName(set.WorkFile!)!, "go.work.sum");
        string sumCopy = Path.Combine(copy, "go.work.sum");
        if (File.Exists(sum))
        {
            File.Copy(sum, sumCopy, overwrite: true);
        }
        else if (File.Exists(sumCopy))
        {
            File.Delete(sumCopy);
        }

        return work;
    }

    // go writes the go.sum next to -modfile: give it copies, so what it adds never reaches the module.
    private string CopyModuleFiles(string root, bool hasGoSum)
    {
        string copy = Path.Combine(Path.GetFullPath(IntermediateDirectory), "modules");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(root, "go.mod"), Path.Combine(copy, "go.mod"), overwrite: true);
        string sumCopy = Path.Combine(copy, "go.sum");
        if (hasGoSum)
        {
            File.Copy(Path.Combine(root, "go.sum"), sumCopy, overwrite: true);
        }
        else if (File.Exists(sumCopy))
        {
            File.Delete(sumCopy);
        }

        return copy;
    }
}
