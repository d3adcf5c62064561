using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// What every task that runs <c>go</c> shares: the toolchain, the clean child environment, the
/// module settings, cancellation, and logging of go's output as coded diagnostics.
/// </summary>
public abstract class GoTaskBase : CodedTask
{
    /// <summary>The GOROOT to use (resolved by GoEnsureToolchain).</summary>
    [Required]
    public string ToolchainRoot { get; set; } = string.Empty;

    /// <summary>The folder go runs in; relative packages are relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>GOCACHE; empty for the per-user default.</summary>
    public string? BuildCacheDir { get; set; }

    /// <summary>GOMODCACHE; empty for the per-user default.</summary>
    public string? ModuleCacheDir { get; set; }

    /// <summary>Target GOOS; empty for the host.</summary>
    public string? GoOS { get; set; }

    /// <summary>Target GOARCH; empty for the host.</summary>
    public string? GoArch { get; set; }

    /// <summary><c>-mod</c> value given to go through GOFLAGS: readonly, vendor or mod.</summary>
    public string? ModMode { get; set; }

    /// <summary>GOPROXY.</summary>
    public string? ModuleProxy { get; set; }

    /// <summary>GOSUMDB.</summary>
    public string? ChecksumDatabase { get; set; }

    /// <summary>GOPRIVATE.</summary>
    public string? PrivateModules { get; set; }

    /// <summary>
    /// Whether go may download modules (restore). Otherwise go gets GOPROXY=off, so a build never
    /// touches the network, unless ModMode is mod (go may then add requirements, as asked).
    /// </summary>
    public bool AllowModuleDownload { get; set; }

    /// <summary>GoEnvironment items: explicit extra variables (Include = name, Value = value).</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>GoCacheProg: the command line of a GOCACHEPROG program, as go reads it; empty for none.</summary>
    public string? CacheProg { get; set; }

    /// <summary>GoPassEnvironment: <c>;</c>-separated names of ambient variables go gets unchanged.</summary>
    public string? PassEnvironment { get; set; }

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

    /// <summary>The per-user cache folders, honouring the overrides.</summary>
    protected GoCacheLocations CacheLocations() => new(
        GoCacheLocations.DefaultRoot(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)),
        BuildCacheDir,
        ModuleCacheDir);

    /// <summary>The child environment for go, built from the allow-list and this task's inputs.</summary>
    protected Dictionary<string, string> CreateEnvironment(GoToolchain toolchain, GoCacheLocations caches)
    {
        Dictionary<string, string> env = GoEnvironment.Create(toolchain.Root, caches, Environment.GetEnvironmentVariable);
        SetIfNotEmpty(env, "GOOS", GoOS);
        SetIfNotEmpty(env, "GOARCH", GoArch);
        SetIfNotEmpty(env, "GOSUMDB", ChecksumDatabase);
        SetIfNotEmpty(env, "GOPRIVATE", PrivateModules);
        string? mode = NormalizedModMode();
        if (mode != null)
        {
            env["GOFLAGS"] = "-mod=" + mode;
        }

        if (AllowModuleDownload || mode == "mod")
        {
            SetIfNotEmpty(env, "GOPROXY", ModuleProxy);
        }
        else
        {
            // Modules come in during restore; a build that would download fails with a clear error instead.
            env["GOPROXY"] = "off";
        }

        // No telemetry: go would start a child that outlives the build (sandboxes and project
        // caches reject leftovers), and counters under the user's config folder are not the build's business.
        env["GOTELEMETRY"] = "off";
        string? cacheProg = GoCacheProgram.Resolve(CacheProg, ProjectDirectory, toolchain.Version, System.IO.File.Exists);
        if (cacheProg != null)
        {
            env["GOCACHEPROG"] = cacheProg;
        }

        if (GrantedCores > 0)
        {
            env["GOMAXPROCS"] = GrantedCores.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Names only come through MSBuild; the values are read here, so no log or record holds them.
        GoPassEnvironment.Apply(env, GoPassEnvironment.Parse(PassEnvironment, GoEnvironment.DecidingProperty), Environment.GetEnvironmentVariable);

        foreach (ITaskItem item in EnvironmentVariables)
        {
            string name = item.ItemSpec.Trim();
            if (GoEnvironment.IsReserved(name))
            {
                throw new GoBuildException("ReservedEnvironmentVariable", name);
            }

            env[name] = item.GetMetadata("Value");
        }

        return env;
    }

    /// <summary>ModMode in lower case, or null when it is empty.</summary>
    /// <exception cref="GoBuildException">GOB3001: not readonly, vendor or mod.</exception>
    protected string? NormalizedModMode()
    {
        if (string.IsNullOrWhiteSpace(ModMode))
        {
            return null;
        }

        string mode = ModMode!.Trim().ToLowerInvariant();
        if (mode != "readonly" && mode != "vendor" && mode != "mod")
        {
            throw new GoBuildException("InvalidModMode", ModMode!);
        }

        return mode;
    }

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

    private static void SetIfNotEmpty(Dictionary<string, string> env, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            env[name] = value!.Trim();
        }
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
