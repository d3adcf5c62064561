using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// What every task that runs <c>go</c> shares: the toolchain, the child environment the build
/// decision recorded, the core budget, cancellation, and logging of go's output as coded diagnostics.
/// </summary>
public abstract class GoTaskBase : CodedTask
{
    /// <summary>The GOROOT to use (resolved by GoEnsureToolchain).</summary>
    [Required]
    public string ToolchainRoot { get; set; } = string.Empty;

    /// <summary>The folder go runs in; relative packages are relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>
    /// The environment record of the go this task runs (<c>restore.env</c>, <c>verify.env</c>,
    /// <c>test.env</c>, …), written by the build decision (CrossCompile). GoBuild takes one per
    /// target from the target records instead.
    /// </summary>
    public string? EnvironmentRecord { get; set; }

    /// <summary>GoBuildParallelism: the cores one task may use; empty for what MSBuild grants.</summary>
    public string? Parallelism { get; set; }

    /// <summary>
    /// The cores this task was granted (<see cref="RequestCores"/>); go gets them as GOMAXPROCS and
    /// <c>-p</c>. 0 before the request.
    /// </summary>
    protected int GrantedCores { get; private set; }

    // The MSBuild grant of RequestCores, given back while the task waits for its build cache's turn.
    private CoreGrant? _grant;
    private int _requested;

    /// <summary>
    /// Asks MSBuild's resource manager for up to <paramref name="wanted"/> cores (never more than
    /// the machine's and the cgroup's limit, or exactly GoBuildParallelism when set) and remembers
    /// the grant in <see cref="GrantedCores"/>; disposing the result gives them back.
    /// </summary>
    protected IDisposable RequestCores(int wanted)
    {
        int? fixedCount = CoreBudget.ParseParallelism(Parallelism);
        int budget = CoreBudget.Decide(fixedCount, Environment.ProcessorCount, fixedCount == null ? CoreBudget.CgroupCores() : null);
        int request = fixedCount ?? Math.Max(1, Math.Min(wanted, budget));
        if (fixedCount != null || BuildEngine is not IBuildEngine9 engine)
        {
            GrantedCores = request;
            return new CoreGrant(null, 0);
        }

        _grant = new CoreGrant(engine, 0);
        _requested = request;
        int granted = _grant.Request(request);
        GrantedCores = granted;
        Log.LogMessageFromResources(MessageImportance.Low, "CoresGranted", granted, request, budget);
        return _grant;
    }

    /// <summary>
    /// Takes machine-wide core slots (<see cref="CoreSlots"/>) for go, at most
    /// <see cref="GrantedCores"/>, waiting while other builds' go processes hold them all, and sets
    /// <see cref="GrantedCores"/> to what was taken. With GoBuildParallelism set, takes none: the
    /// number is the user's. With <paramref name="oneAtATimePerCache"/> (builds), first waits for
    /// the build cache's turn (<see cref="CoreSlots.TakeCacheTurn"/>): go processes that share a
    /// cache would otherwise compile the same packages at once.
    /// </summary>
    protected IDisposable AcquireCoreSlots(GoCacheLocations caches, bool oneAtATimePerCache = true)
    {
        int? fixedCount = CoreBudget.ParseParallelism(Parallelism);
        if (fixedCount != null)
        {
            return new CoreGrant(null, 0);
        }

        // One slot more than the cores: go's own work between compiles (loading packages, linking,
        // writing the cache) would otherwise leave a core idle.
        int budget = CoreBudget.Decide(null, Environment.ProcessorCount, CoreBudget.CgroupCores()) + 1;
        string slotsDirectory = System.IO.Path.Combine(caches.Root, "locks", "cores");
        IDisposable? turn = null;
        if (oneAtATimePerCache)
        {
            // While waiting for the cache's turn the task gives its MSBuild cores back (the build that
            // has the turn can use them) and asks again once it has the turn.
            bool waited = false;
            turn = CoreSlots.TakeCacheTurn(
                slotsDirectory,
                caches.BuildCache,
                () =>
                {
                    waited = true;
                    Log.LogMessageFromResources(MessageImportance.Normal, "BuildCacheWaiting", caches.BuildCache);
                    _grant?.Release();
                },
                CancellationToken);
            if (waited && _grant != null)
            {
                GrantedCores = _grant.Request(_requested);
                Log.LogMessageFromResources(MessageImportance.Low, "CoresGranted", GrantedCores, _requested, budget - 1);
            }
        }

        try
        {
            CoreSlots slots = CoreSlots.Acquire(slotsDirectory, Math.Max(1, GrantedCores), budget, () => Log.LogMessageFromResources(MessageImportance.Normal, "CoresWaiting", budget), CancellationToken);
            GrantedCores = slots.Count;
            return turn == null ? slots : new Held(slots, turn);
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The toolchain cache <see cref="ToolchainRoot"/> comes from (the toolchain record's third
    /// field); empty for a GoToolchainRoot, which is used as it is.
    /// </summary>
    public string? ToolchainCacheRoot { get; set; }

    /// <summary>
    /// Opens the toolchain named by <see cref="ToolchainRoot"/>. One from the cache is checked first,
    /// as when it was chosen: the cache and the GOROOT must be the user's own and not writable by
    /// others (GOB1014), so a cache that became unsafe since is refused before go runs from it.
    /// </summary>
    protected GoToolchain OpenToolchain()
    {
        if (!string.IsNullOrWhiteSpace(ToolchainCacheRoot))
        {
            ToolchainCache.RequireSafe(ToolchainCacheRoot!);
            ToolchainCache.RequireSafe(ToolchainRoot);
        }

        return GoToolchain.Open(ToolchainRoot);
    }

    /// <summary>
    /// The environment of go from <paramref name="record"/> (default: <see cref="EnvironmentRecord"/>):
    /// what the decision set, the passed variables' values from this process, GOROOT, and the cores
    /// granted so far as GOMAXPROCS. GOCACHEPROG is checked against the toolchain here, the first
    /// moment the toolchain is known.
    /// </summary>
    protected Dictionary<string, string> LoadEnvironment(GoToolchain toolchain, string? record = null)
    {
        Dictionary<string, string> env = ReadEnvironment(record, toolchain.Root);
        if (env.TryGetValue("GOCACHEPROG", out string? cacheProg))
        {
            GoCacheProgram.RequireSupported(cacheProg, toolchain.Version);
        }

        if (GrantedCores > 0)
        {
            env["GOMAXPROCS"] = GrantedCores.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return env;
    }

    /// <summary>The go.work of the workspace decision that <paramref name="environment"/> carries as GOWORK, or null in module mode.</summary>
    protected static string? WorkFileOf(IReadOnlyDictionary<string, string> environment) =>
        GoEnvironment.WorkFile(environment.TryGetValue("GOWORK", out string? work) ? work : null);

    /// <summary>
    /// The decided environment of <paramref name="record"/> (default: <see cref="EnvironmentRecord"/>)
    /// without a toolchain: for what a task checks before it runs go (the module mode, the caches).
    /// </summary>
    protected Dictionary<string, string> ReadEnvironment(string? record = null, string? goRoot = null)
    {
        string path = record ?? EnvironmentRecord ?? string.Empty;
        if (path.Length == 0 || !System.IO.File.Exists(path))
        {
            throw new InvalidOperationException("The environment record '" + path + "' is missing: the build decision (CrossCompile) writes it before any task runs go.");
        }

        return Records.EnvironmentRecord.Load(path, goRoot ?? ToolchainRoot, Environment.GetEnvironmentVariable);
    }

    /// <summary>The per-user cache folders, with the GOCACHE and GOMODCACHE that <paramref name="environment"/> sets.</summary>
    protected static GoCacheLocations CacheLocations(IReadOnlyDictionary<string, string> environment) => new(
        GoCacheLocations.DefaultRoot(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)),
        environment.TryGetValue("GOCACHE", out string? build) ? build : null,
        environment.TryGetValue("GOMODCACHE", out string? modules) ? modules : null);

    /// <summary>
    /// Runs go and returns its exit code and every output line (stdout and stderr interleaved), for
    /// commands whose output the task reads rather than shows. The command line is logged.
    /// </summary>
    protected (int ExitCode, IReadOnlyList<string> Lines) CaptureGo(GoToolchain toolchain, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        Log.LogMessage(MessageImportance.Normal, "{0} {1}", toolchain.Executable, CommandLine.Join(arguments));
        var lines = new List<string>();
        int exitCode = new GoProcessRunner(toolchain.Executable).Run(arguments, workingDirectory, environment, (line, _) => lines.Add(line), CancellationToken);
        foreach (string line in lines)
        {
            Log.LogMessage(MessageImportance.Low, "{0}", line);
        }

        return (exitCode, lines);
    }

    /// <summary>
    /// Runs go and logs its output: <c>file:line:col</c> lines become errors with
    /// <paramref name="diagnosticCode"/>; other lines are messages (shown at normal verbosity and
    /// up). A failure with no parsable line becomes one error with the tail of the output.
    /// </summary>
    /// <returns>Whether go exited with 0.</returns>
    protected bool RunGo(GoToolchain toolchain, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string diagnosticCode, string? context = null)
    {
        Log.LogMessage(MessageImportance.Normal, "{0} {1}", toolchain.Executable, CommandLine.Join(arguments));
        string suffix = string.IsNullOrEmpty(context) ? string.Empty : " [" + context + "]";
        var parser = new GoOutputParser(ProjectDirectory, d => Log.LogError(
            subcategory: null,
            errorCode: diagnosticCode,
            helpKeyword: null,
            file: d.File,
            lineNumber: d.Line,
            columnNumber: d.Column,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: d.Message + suffix));
        var runner = new GoProcessRunner(toolchain.Executable);
        int exitCode = runner.Run(
            arguments,
            ProjectDirectory,
            environment,
            (line, _) =>
            {
                if (!parser.Feed(line))
                {
                    Log.LogMessage(MessageImportance.Normal, "{0}", line);
                }
            },
            CancellationToken);
        parser.Complete();
        if (exitCode != 0 && parser.DiagnosticCount == 0)
        {
            Log.LogErrorWithCodeFromResources("GoFailed", arguments[0], exitCode, string.Join(Environment.NewLine, parser.Tail) + suffix);
        }

        return exitCode == 0;
    }

    private sealed class CoreGrant : IDisposable
    {
        private IBuildEngine9? _engine;
        private int _cores;

        public CoreGrant(IBuildEngine9? engine, int cores)
        {
            _engine = engine;
            _cores = cores;
        }

        // What MSBuild granted (at least 1: the node's own core, which MSBuild counts as implicit).
        public int Request(int cores)
        {
            if (_engine == null)
            {
                return Math.Max(1, cores);
            }

            _cores += _engine.RequestCores(cores);
            return Math.Max(1, _cores);
        }

        public void Release()
        {
            if (_engine != null && _cores > 0)
            {
                _engine.ReleaseCores(_cores);
                _cores = 0;
            }
        }

        public void Dispose()
        {
            Release();
            _engine = null;
        }
    }

    private sealed class Held : IDisposable
    {
        private readonly IDisposable _slots;
        private readonly IDisposable _turn;

        public Held(IDisposable slots, IDisposable turn)
        {
            _slots = slots;
            _turn = turn;
        }

        public void Dispose()
        {
            _slots.Dispose();
            _turn.Dispose();
        }
    }
}
