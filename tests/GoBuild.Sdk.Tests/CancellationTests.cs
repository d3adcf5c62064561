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
        CountingToolchain go = CountingToolchain.Create(ws.Root);
        // A cold build cache of its own: compiling the standard library keeps go busy for seconds.
        string marker = "gobuild-cancel-" + Guid.NewGuid().ToString("N");
        string cache = Path.Combine(ws.Root, marker);

        DotNetResult result = ws.DotNet(
            "build",
            "app/app.csproj",
            new[] { "-p:GoToolchainRoot=" + go.Root, "-p:GoBuildCacheDir=" + cache, "-p:_GoBuildTasksFramework=" + tasks },
            TimeSpan.FromMinutes(3),
            process =>
            {
                // Wait until go runs and has started compiling, then send SIGINT as Ctrl+C does.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (DateTime.UtcNow < deadline && !(go.Count("build") > 0 && ProcessesWithMarker(marker).Length > 1))
                {
                    Thread.Sleep(50);
                }

                Thread.Sleep(300);
                Process.Start("kill", new[] { "-INT", process.Id.ToString() })!.WaitForExit();
            });

        result.AssertFailure();
        Assert.AreEqual(1, go.Count("build"), "go never started: " + result.Describe());
        int[] survivors = Array.Empty<int>();
        for (int i = 0; i < 50 && (survivors = ProcessesWithMarker(marker)).Length > 0; i++)
        {
            Thread.Sleep(100);
        }

        Assert.AreEqual(0, survivors.Length, "processes of the cancelled go build still run: " + string.Join(",", survivors) + "\n" + result.Describe());
        Assert.IsFalse(File.Exists(ws.PathOf("app/bin/Debug/app")), "a cancelled build left an output");
    }

    /// <summary>Processes whose environment holds the marker (go and the compilers it started).</summary>
    private static int[] ProcessesWithMarker(string marker) =>
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
