using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static GoBuild.Sdk.Tests.ToolchainTestProjects;

namespace GoBuild.Sdk.Tests;

/// <summary>Builds share the toolchain cache safely: concurrent processes, and processes killed mid-install.</summary>
[TestClass]
public sealed class ToolchainConcurrencyTests
{
    [TestMethod]
    public void Build_EightProcessesOnAColdCache_DownloadTheArchiveOnce_AndAllSucceed()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        // A slow body keeps the first install going while the other builds arrive.
        mirror.SlowBodyPause = TimeSpan.FromMilliseconds(250);
        mirror.Fail(Archive126, MirrorFault.SlowBody);
        string name = nameof(Build_EightProcessesOnAColdCache_DownloadTheArchiveOnce_AndAllSucceed);
        string cache = Path.Combine(E2E.RunRoot, name, "toolchains");
        TestProject[] workspaces = Enumerable.Range(0, 8).Select(i => Hello(name, FromMirror(mirror, "1.26.11", cache), "ws" + i)).ToArray();

        DotNetResult[] results = Task.WhenAll(workspaces.Select(ws => Task.Run(() => ws.Build("app/app.csproj", "-v:n")))).GetAwaiter().GetResult();

        foreach (DotNetResult result in results)
        {
            result.AssertSuccess().AssertOutputContains("GOBINARY app go1.26.11");
        }

        Assert.AreEqual(1, mirror.Count(Archive126), string.Join(", ", mirror.Requests));
        Assert.AreEqual(1, results.Count(r => r.Output.Contains("Installing go1.26.11")));
        Assert.IsTrue(results.Any(r => r.Output.Contains("Waiting for another build to finish installing go1.26.11")), "no build had to wait: the test did not overlap the installs");
    }

    [TestMethod]
    public void Build_KilledMidDownloadAndMidUnpack_NextBuildRepairsTheCache()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject ws = Hello(nameof(Build_KilledMidDownloadAndMidUnpack_NextBuildRepairsTheCache), string.Empty);
        string cache = NewCache(ws);
        string staging = Path.Combine(cache, ".staging");
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "1.26.11", cache));

        // kill -9 while the archive is half downloaded.
        mirror.Fail(Archive126, MirrorFault.StallHalfway);
        KillBuildWhen(ws, () => mirror.Stalled.IsSet);
        mirror.ReleaseStall();
        Assert.IsFalse(IsInstalled(cache, "go1.26.11"));
        Assert.IsTrue(Directory.EnumerateFiles(staging, Archive126, SearchOption.AllDirectories).Any(), "the killed build left its partial download");

        // kill -9 while the archive is being unpacked.
        KillBuildWhen(ws, () => Directory.Exists(staging) && Directory.EnumerateDirectories(staging).Any(d => Directory.Exists(Path.Combine(d, "x", "go", "src"))));
        Assert.IsFalse(IsInstalled(cache, "go1.26.11"));

        DotNetResult repaired = ws.Build("app/app.csproj", "-v:n").AssertSuccess();

        repaired.AssertOutputContains("Removed an incomplete install of go1.26.11");
        repaired.AssertOutputContains("GOBINARY app go1.26.11");
        Assert.IsTrue(IsInstalled(cache, "go1.26.11"));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(staging).Length, "leftovers removed");
        Assert.AreEqual(3, mirror.Count(Archive126));
    }

    /// <summary>Starts a build and kills its whole process tree with SIGKILL once <paramref name="condition"/> holds.</summary>
    private static void KillBuildWhen(TestProject ws, Func<bool> condition)
    {
        Process? build = null;
        using var started = new ManualResetEventSlim();
        Task<DotNetResult> run = Task.Run(() => ws.DotNet("build", "app/app.csproj", new[] { "-v:n" }, TimeSpan.FromMinutes(3), p =>
        {
            build = p;
            started.Set();
        }));
        Assert.IsTrue(started.Wait(TimeSpan.FromMinutes(1)), "the build did not start");
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.IsFalse(run.IsCompleted, "the build ended before the moment to kill it: " + (run.IsCompleted ? run.Result.Describe() : string.Empty));
            Assert.IsTrue(watch.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting for the moment to kill the build");
            Thread.Sleep(10);
        }

        // Process.Kill sends SIGKILL on Unix: the build gets no chance to clean up.
        build!.Kill(entireProcessTree: true);
        run.Result.AssertFailure();
    }
}
