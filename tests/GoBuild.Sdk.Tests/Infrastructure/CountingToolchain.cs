using System;
using System.IO;
using System.Linq;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOROOT that is a real toolchain seen through symlinks, except that bin/go is a script that
/// logs each invocation before running the real go. Tests use it to prove that a build ran go, or
/// (for no-op builds) that it did not.
/// </summary>
public sealed class CountingToolchain
{
    private CountingToolchain(string root, string log)
    {
        Root = root;
        LogFile = log;
    }

    /// <summary>The GOROOT to give to GoToolchainRoot.</summary>
    public string Root { get; }

    /// <summary>One line per go invocation: its arguments.</summary>
    public string LogFile { get; }

    /// <summary>The go invocations so far.</summary>
    public string[] Invocations => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : Array.Empty<string>();

    /// <summary>Per go invocation (in the order of <see cref="Invocations"/>): GOTELEMETRY, GOMAXPROCS and the probe variable as go got them.</summary>
    public string[] Environments => File.Exists(LogFile + ".env") ? File.ReadAllLines(LogFile + ".env") : Array.Empty<string>();

    /// <summary>The go invocations whose first argument is <paramref name="verb"/>.</summary>
    public int Count(string verb) => Invocations.Count(l => l.StartsWith(verb + " ", StringComparison.Ordinal) || l == verb);

    /// <summary>The compiler runs so far (with <c>countCompiles</c>), one line of arguments each; go's <c>-V=full</c> version queries are not counted.</summary>
    public string[] Compiles => File.Exists(CompileLogFile) ? File.ReadAllLines(CompileLogFile) : Array.Empty<string>();

    private string CompileLogFile => LogFile + ".compile";

    /// <summary>
    /// Creates the toolchain under <paramref name="parent"/>. With <paramref name="countCompiles"/>
    /// the compiler (pkg/tool/GOOS_GOARCH/compile) is a logging script too; go's tool ID comes
    /// from <c>compile -V=full</c>, which the script passes on, so cache keys are the real ones.
    /// </summary>
    /// <param name="parent">The folder for the toolchain and its logs.</param>
    /// <param name="version">The real Go behind it.</param>
    /// <param name="countCompiles">Log compiler runs too (<see cref="Compiles"/>).</param>
    /// <param name="probeVariable">A variable whose value each go invocation logs (<see cref="Environments"/>).</param>
    public static CountingToolchain Create(string parent, string version = E2E.DefaultGoVersion, bool countCompiles = false, string probeVariable = "GOBUILD_NO_PROBE")
    {
        string real = RepoPaths.GoRoot(version);
        string log = Path.Combine(parent, "go-invocations.log");
        string goScript = $"echo \"$*\" >> '{log}'\necho \"GOTELEMETRY=$GOTELEMETRY GOMAXPROCS=$GOMAXPROCS {probeVariable}=${probeVariable}\" >> '{log}.env'\nexec '{Path.Combine(real, "bin", "go")}' \"$@\"\n";
        string root = Shadow(real, Path.Combine(parent, "counting-go" + version), goScript, linkPkg: !countCompiles);
        var toolchain = new CountingToolchain(root, log);
        if (countCompiles && !OperatingSystem.IsWindows())
        {
            LinkPkgWithCountingCompiler(real, root, toolchain.CompileLogFile);
        }

        return toolchain;
    }

    /// <summary>
    /// Makes <paramref name="root"/> a GOROOT that is <paramref name="real"/> seen through
    /// symlinks, except for bin/go: a /bin/sh script with <paramref name="goScript"/> as its body
    /// (and pkg/, when <paramref name="linkPkg"/> is false, for the caller to lay out).
    /// </summary>
    internal static string Shadow(string real, string root, string goScript, bool linkPkg = true)
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        foreach (string entry in Directory.EnumerateFileSystemEntries(real))
        {
            string name = Path.GetFileName(entry);
            if (name != "bin" && (linkPkg || name != "pkg"))
            {
                File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        string script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, "#!/bin/sh\n" + goScript);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.CreateSymbolicLink(Path.Combine(root, "bin", "gofmt"), Path.Combine(real, "bin", "gofmt"));
        return root;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void LinkPkgWithCountingCompiler(string real, string root, string log)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(Path.Combine(real, "pkg")))
        {
            if (Path.GetFileName(entry) != "tool")
            {
                Directory.CreateDirectory(Path.Combine(root, "pkg"));
                File.CreateSymbolicLink(Path.Combine(root, "pkg", Path.GetFileName(entry)), entry);
            }
        }

        foreach (string toolDir in Directory.EnumerateDirectories(Path.Combine(real, "pkg", "tool")))
        {
            string target = Path.Combine(root, "pkg", "tool", Path.GetFileName(toolDir));
            Directory.CreateDirectory(target);
            foreach (string tool in Directory.EnumerateFileSystemEntries(toolDir))
            {
                string name = Path.GetFileName(tool);
                if (name != "compile")
                {
                    File.CreateSymbolicLink(Path.Combine(target, name), tool);
                    continue;
                }

                string script = Path.Combine(target, name);
                File.WriteAllText(script, $"#!/bin/sh\ncase \"$*\" in *-V=full*) ;; *) echo \"$*\" >> '{log}' ;; esac\nexec '{tool}' \"$@\"\n");
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }
    }
}
