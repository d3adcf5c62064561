using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>Ctrl+C during go build stops the build and every process go started.</summary>
[TestClass]
public sealed class CancellationTests
{
    [TestMethod]
    [DataRow("net8.0")]
    [DataRow("netstandard2.0")]
    public void Build_InterruptedDuringGoBuild_KillsTheGoProcessTreeAndFails(string tasks)
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_InterruptedDuringGoBuild_KillsTheGoProcessTreeAndFails) + tasks);
        // go build blocks until it is killed, with a child of its own; it says when it runs.
        BlockingToolchain go = BlockingToolchain.Create(ws.Root);
        // The marker reaches every process go starts through GOCACHE, so any survivor is found.
        string marker = "gobuild-cancel-" + Guid.NewGuid().ToString("N");
        (int Go, int Child)? building = null;
        Stopwatch? sinceInterrupt = null;

        DotNetResult result = ws.DotNet(
            "build",
            "app/app.csproj",
            new[] { "-p:GoToolchainRoot=" + go.Root, "-p:GoBuildCacheDir=" + Path.Combine(ws.Root, marker), "-p:_GoBuildTasksFramework=" + tasks },
            TimeSpan.FromMinutes(4),
            process =>
            {
                building = go.WaitUntilBuilding(process, TimeSpan.FromMinutes(3));
                if (building != null)
                {
                    // SIGINT to dotnet, as Ctrl+C does.
                    sinceInterrupt = Stopwatch.StartNew();
                    Process.Start("kill", new[] { "-INT", process.Id.ToString() })!.WaitForExit();
                }
            });
        TimeSpan stopped = sinceInterrupt?.Elapsed ?? TimeSpan.Zero;

        Assert.IsNotNull(building, "go build never ran: " + result.Describe());
        result.AssertOutputDoesNotContain("*** killed after"); // the test's timeout, not the interrupt, ended the build
        result.AssertFailure();
        Assert.IsTrue(stopped < TimeSpan.FromSeconds(60), $"the interrupted build took {stopped} to stop: " + result.Describe());
        (int goPid, int childPid) = building.Value;
        int[] survivors = Array.Empty<int>();
        for (int i = 0; i < 50 && (survivors = Running(marker)).Length > 0; i++)
        {
            Thread.Sleep(100);
        }

        Assert.AreEqual(0, survivors.Length, $"processes of the cancelled go build still run: {string.Join(",", survivors)} (go {goPid}, its child {childPid}; go saw: '{go.Log.Trim()}')\n{result.Describe()}");
    }

    /// <summary>
    /// The processes that still run and hold the marker in their environment: go, its child, and
    /// any other process go started. A zombie (killed, not yet reaped) has an empty environment.
    /// </summary>
    private static int[] Running(string marker) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/environ").Contains(marker, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToArray();
}
