using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOROOT whose <c>go build</c> never finishes on its own: it starts a child that sleeps for an
/// hour, writes "go-pid child-pid" to <see cref="ReadyFile"/> and waits for the child. Every other
/// go command runs the real go. So a build that uses it ends only when somebody stops go, and
/// nothing but a kill of go's process tree ends the child. Cancellation tests interrupt the build
/// once <see cref="ReadyFile"/> exists (go itself says it is running: no guess at timing) and then
/// check that both processes are gone.
/// </summary>
public sealed class BlockingToolchain
{
    private BlockingToolchain(string root, string readyFile, string logFile)
    {
        Root = root;
        ReadyFile = readyFile;
        LogFile = logFile;
    }

    /// <summary>The GOROOT to give to GoToolchainRoot.</summary>
    public string Root { get; }

    /// <summary>Written once by <c>go build</c> when it and its child run: "go-pid child-pid".</summary>
    public string ReadyFile { get; }

    /// <summary>
    /// What the fake go saw: a catchable signal it got ("signal TERM"), or that its child ended
    /// while it still ran ("child ended"). A tree kill sends SIGKILL, which no process can record:
    /// then the file stays empty and the evidence is that both processes are gone.
    /// </summary>
    public string LogFile { get; }

    /// <summary>What <see cref="LogFile"/> holds so far.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    public static BlockingToolchain Create(string parent, string version = E2E.DefaultGoVersion)
    {
        string real = RepoPaths.GoRoot(version);
        string ready = Path.Combine(parent, "go-build-running");
        string log = Path.Combine(parent, "go-build-events.log");
        string script = $"""
            if [ "$1" = build ]; then
              trap "echo 'signal INT' >> '{log}'; exit 130" INT
              trap "echo 'signal TERM' >> '{log}'; exit 143" TERM
              sleep 3600 &
              echo "$$ $!" > '{ready}.tmp' && mv '{ready}.tmp' '{ready}'
              wait $!
              echo "child ended" >> '{log}'
              exit 1
            fi
            exec '{Path.Combine(real, "bin", "go")}' "$@"

            """;
        string root = CountingToolchain.Shadow(real, Path.Combine(parent, "blocking-go" + version), script.Replace("\r\n", "\n", StringComparison.Ordinal));
        return new BlockingToolchain(root, ready, log);
    }

    /// <summary>
    /// Waits until <c>go build</c> reports that it runs, and returns its pid and its child's; null
    /// if <paramref name="build"/> ended first or <paramref name="timeout"/> passed (a limit for a
    /// broken build, not a timing assumption: a cold build reaches go in seconds).
    /// </summary>
    public (int Go, int Child)? WaitUntilBuilding(Process build, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !build.HasExited)
        {
            if (File.Exists(ReadyFile))
            {
                int[] pids = File.ReadAllText(ReadyFile).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
                return (pids[0], pids[1]);
            }

            Thread.Sleep(20);
        }

        return null;
    }
}
