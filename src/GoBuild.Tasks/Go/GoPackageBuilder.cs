using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.Go;

/// <summary>Runs go and logs its output; the tasks' <c>RunGo</c>, passed in so this class needs no MSBuild logger.</summary>
/// <returns>Whether go exited with 0.</returns>
public delegate bool GoCommandRunner(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string diagnosticCode, string? context);

/// <summary>
/// Builds one package for one platform with <c>go build</c> and records the files that build read
/// (for the next up-to-date check). Shared by the GoBuild and CrossCompile tasks; thread-safe, so
/// CrossCompile runs one per target in parallel.
/// </summary>
public sealed class GoPackageBuilder
{
    private readonly GoToolchain _toolchain;
    private readonly string _workingDirectory;
    private readonly string _moduleCache;
    private readonly GoCommandRunner _runGo;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Creates a builder that runs go in <paramref name="workingDirectory"/>.</summary>
    public GoPackageBuilder(GoToolchain toolchain, string workingDirectory, string moduleCache, GoCommandRunner runGo, CancellationToken cancellationToken)
    {
        _toolchain = toolchain;
        _workingDirectory = workingDirectory;
        _moduleCache = moduleCache;
        _runGo = runGo;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Runs go build and, beside it, the go list of its input record; on success writes that record
    /// to <paramref name="inputsFile"/>.
    /// Errors carry <paramref name="context"/> (the target) when given.
    /// </summary>
    /// <returns>Whether go build succeeded.</returns>
    /// <param name="options">What to build.</param>
    /// <param name="environment">go's environment.</param>
    /// <param name="inputsFile">Where to record the inputs; null for nowhere.</param>
    /// <param name="context">The target, for messages.</param>
    /// <param name="parallelism">go's <c>-p</c> (the cores granted for this build); 0 for go's default.</param>
    public bool Build(GoBuildOptions options, IReadOnlyDictionary<string, string> environment, string? inputsFile, string? context = null, int parallelism = 0)
    {
        if (options.OutputPath.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
        }

        // On failure the record of the last good build stays: the edited file is newer than the
        // output, so the next build runs go again whatever the record says.
        var arguments = new List<string>(GoBuildArguments.Create(options));
        if (parallelism > 0)
        {
            arguments.InsertRange(1, new[] { "-p", parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        // The input record's go list runs beside the build, not after it: it only loads the package
        // graph (it compiles nothing, so it takes nothing the build needs), and after an edit the
        // build alone takes about as long as that load, so running them one after the other nearly
        // doubled the go time of an incremental build (bench/workspace (c)). Its lines are used only
        // once the build succeeded.
        Task<List<string>?>? listing = string.IsNullOrEmpty(inputsFile) ? null : Task.Run(() => ListInputs(environment, options), _cancellationToken);
        bool built;
        try
        {
            built = _runGo(arguments, environment, "GOB2001", context);
        }
        catch
        {
            // The build's own failure (cancellation) is the one to report; the listing is only waited for, so no go outlives the task.
            try
            {
                listing?.Wait();
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        List<string>? lines = listing?.GetAwaiter().GetResult();
        if (!built)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(inputsFile))
        {
            RecordInputs(lines, options, inputsFile!);
        }

        return true;
    }

    /// <summary>Where the record of the linked packages (GoLinkedPackages) of the build with <paramref name="inputsFile"/> goes.</summary>
    public static string PackagesRecordPath(string inputsFile) => Path.ChangeExtension(inputsFile, ".packages");

    // One go list gives two records: the files the build read (GoPackageInputs) and the packages it
    // linked with their modules (GoLinkedPackages, for the supply-chain audit and SBOM). Taken in the
    // build's own environment (GOOS/GOARCH, cgo, GOFLAGS' -mod, GOWORK) with its tags: exactly the
    // files this target's build read. Null when go list failed.
    private List<string>? ListInputs(IReadOnlyDictionary<string, string> environment, GoBuildOptions options)
    {
        string inputsTemplate = GoPackageInputs.ListArguments(options.Package)[3];
        var lines = new List<string>();
        int exitCode = new GoProcessRunner(_toolchain.Executable).Run(
            GoLinkedPackages.ListArguments(options.PackageArguments, options.Tags, inputsTemplate),
            _workingDirectory,
            environment,
            (line, isError) =>
            {
                if (!isError)
                {
                    lines.Add(line);
                }
            },
            _cancellationToken);
        return exitCode == 0 ? lines : null;
    }

    private void RecordInputs(List<string>? lines, GoBuildOptions options, string inputsFile)
    {
        string packagesFile = PackagesRecordPath(inputsFile);
        if (lines == null)
        {
            // Without a record the targets fall back to every file of the module: slower, never stale.
            foreach (string stale in new[] { inputsFile, packagesFile })
            {
                if (File.Exists(stale))
                {
                    File.Delete(stale);
                }
            }

            return;
        }

        var split = lines.Select(GoLinkedPackages.SplitLine).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(inputsFile))!);
        WriteIfDifferent(inputsFile, GoPackageInputs.ToPatterns(split.Select(l => l.InputsLine), _moduleCache));
        WriteIfDifferent(packagesFile, GoLinkedPackages.ToRecord(options.OutputPath.Length > 0 ? options.OutputPath : inputsFile, split.Select(l => l.RecordLine)));
    }

    private static void WriteIfDifferent(string path, string text)
    {
        string existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (!string.Equals(existing, text, System.StringComparison.Ordinal))
        {
            File.WriteAllText(path, text);
        }
    }
}
