using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using GoBuild.Tasks.Go;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

/// <summary>The runner against /bin/sh scripts: what go would do, without go.</summary>
[TestClass]
public sealed class GoProcessRunnerTests
{
    private static readonly Dictionary<string, string> s_environment = new() { ["PATH"] = "/usr/bin:/bin" };

    [TestMethod]
    public void Run_ReturnsTheExitCode()
    {
        int exitCode = Shell("exit 3", out _);

        Assert.AreEqual(3, exitCode);
    }

    [TestMethod]
    public void Run_DeliversStdoutAndStderrLinesWithTheirOrigin()
    {
        int exitCode = Shell("echo out1; echo err1 >&2; echo out2; echo err2 >&2", out List<(string Line, bool IsError)> lines);

        Assert.AreEqual(0, exitCode);
        CollectionAssert.AreEqual(new[] { "out1", "out2" }, lines.Where(l => !l.IsError).Select(l => l.Line).ToArray());
        CollectionAssert.AreEqual(new[] { "err1", "err2" }, lines.Where(l => l.IsError).Select(l => l.Line).ToArray());
    }

    [TestMethod]
    public void Run_WithMoreOutputThanAPipeHolds_DoesNotDeadlock()
    {
        // 20,000 lines on each stream: far beyond the 64 KiB pipe buffers if one were read after the other.
        int exitCode = Shell("i=0; while [ $i -lt 20000 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done", out List<(string Line, bool IsError)> lines);

        Assert.AreEqual(0, exitCode);
        Assert.AreEqual(20000, lines.Count(l => !l.IsError));
        Assert.AreEqual(20000, lines.Count(l => l.IsError));
        Assert.AreEqual("out 19999", lines.Last(l => !l.IsError).Line);
    }

    [TestMethod]
    public void Run_GivesTheChildExactlyTheGivenEnvironment()
    {
        var environment = new Dictionary<string, string> { ["GOBUILD_TEST_A"] = "1", ["GOBUILD_TEST_B"] = "two words" };
        var lines = new List<string>();

        int exitCode = new GoProcessRunner("/usr/bin/env").Run(Array.Empty<string>(), Path.GetTempPath(), environment, (line, _) => lines.Add(line), CancellationToken.None);

        Assert.AreEqual(0, exitCode);
        CollectionAssert.AreEquivalent(new[] { "GOBUILD_TEST_A=1", "GOBUILD_TEST_B=two words" }, lines, string.Join("\n", lines));
    }

    [TestMethod]
    public void Run_PassesArgumentsWithSpacesAndQuotesUnchanged()
    {
        string[] arguments = { "-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh", "a b", "it's \"quoted\"", string.Empty, "back\\slash\\" };
        var lines = new List<string>();

        new GoProcessRunner("/bin/sh").Run(arguments, Path.GetTempPath(), s_environment, (line, _) => lines.Add(line), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "[a b]", "[it's \"quoted\"]", "[]", "[back\\slash\\]" }, lines);
    }

    [TestMethod]
    public void Run_StartsInTheWorkingDirectory()
    {
        string dir = RepoPaths.NewTempDirectory("runner-cwd");
        var lines = new List<string>();

        new GoProcessRunner("/bin/sh").Run(new[] { "-c", "pwd -P" }, dir, s_environment, (line, _) => lines.Add(line), CancellationToken.None);

        Assert.AreEqual(dir, lines.Single());
    }

    [TestMethod]
    public void Run_WhenCancelled_KillsTheWholeProcessTreeAndThrows()
    {
        using var cancellation = new CancellationTokenSource();
        var children = new List<int>();

        // The children do not hold the output pipe, so Run returns once sh is gone whether or not
        // they were killed: what survives can then be checked instead of waited for.
        try
        {
            Assert.ThrowsExactly<OperationCanceledException>(() => new GoProcessRunner("/bin/sh").Run(
                new[] { "-c", "sleep 300 >/dev/null 2>&1 & echo $!; sleep 300 >/dev/null 2>&1 & echo $!; wait" },
                Path.GetTempPath(),
                s_environment,
                (line, _) =>
                {
                    children.Add(int.Parse(line, CultureInfo.InvariantCulture));
                    if (children.Count == 2)
                    {
                        cancellation.Cancel();
                    }
                },
                cancellation.Token));

            Assert.AreEqual(2, children.Count);
            foreach (int pid in children)
            {
                Assert.IsTrue(WaitUntilGone(pid), $"sleep (pid {pid}) survived the cancellation");
            }
        }
        finally
        {
            foreach (int pid in children)
            {
                KillIfRunning(pid);
            }
        }
    }

    [TestMethod]
    public void Run_WithTokenAlreadyCancelled_ThrowsWithoutStarting()
    {
        string marker = Path.Combine(Path.GetTempPath(), "gobuild-runner-" + Guid.NewGuid().ToString("N"));

        Assert.ThrowsExactly<OperationCanceledException>(() => new GoProcessRunner("/bin/sh").Run(
            new[] { "-c", "touch '" + marker + "'" },
            Path.GetTempPath(),
            s_environment,
            (_, _) => { },
            new CancellationToken(canceled: true)));

        Assert.IsFalse(File.Exists(marker));
    }

    [TestMethod]
    public void Run_WithMissingExecutable_FailsWithGOB2009NamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-go", "bin", "go");

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => new GoProcessRunner(missing).Run(
            new[] { "version" }, Path.GetTempPath(), s_environment, (_, _) => { }, CancellationToken.None));

        Assert.AreEqual("GoCannotStart", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB2009: ");
        StringAssert.Contains(ex.Message, missing);
    }

    private static int Shell(string script, out List<(string Line, bool IsError)> lines)
    {
        var collected = new List<(string, bool)>();
        int exitCode = new GoProcessRunner("/bin/sh").Run(
            new[] { "-c", script }, Path.GetTempPath(), s_environment, (line, isError) => collected.Add((line, isError)), CancellationToken.None);
        lines = collected;
        return exitCode;
    }

    private static void KillIfRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    // A killed process may linger briefly as a zombie until its new parent reaps it; that counts as gone.
    private static bool WaitUntilGone(int pid)
    {
        for (int i = 0; i < 100; i++)
        {
            string stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
            string? text = null;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
            }

            if (text == null || text.Substring(text.LastIndexOf(')') + 2, 1) is "Z" or "X")
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    [TestMethod]
    public void Run_WhenTheLineHandlerThrows_FailsWithGOB2030OnTheCallingThread_AfterTheProcessEnded()
    {
        var runner = new GoProcessRunner("/bin/sh");
        int delivered = 0;

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => runner.Run(
            new[] { "-c", "echo one; echo two; echo three >&2" },
            Path.GetTempPath(),
            s_environment,
            (line, _) =>
            {
                delivered++;
                throw new InvalidOperationException("handler bug on " + line);
            },
            CancellationToken.None));

        StringAssert.StartsWith(ex.Message, "GOB2030: ", ex.Message);
        StringAssert.Contains(ex.Message, "System.InvalidOperationException: handler bug on ", ex.Message);
        Assert.AreEqual(1, delivered, "lines after the first failure are dropped");
    }

    [TestMethod]
    public void Run_WhenTheLineHandlerThrowsACodedError_KeepsItsCode()
    {
        var runner = new GoProcessRunner("/bin/sh");

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => runner.Run(
            new[] { "-c", "echo one" },
            Path.GetTempPath(),
            s_environment,
            (line, _) => throw new GoBuildException("GoCannotStart", "x", line),
            CancellationToken.None));

        StringAssert.StartsWith(ex.Message, "GOB2009: ", ex.Message);
    }
}
