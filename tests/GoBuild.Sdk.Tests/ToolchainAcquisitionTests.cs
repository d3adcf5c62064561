using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static GoBuild.Sdk.Tests.ToolchainTestProjects;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// `dotnet build` gets the pinned Go itself: from a loopback HTTP mirror or a local folder holding
/// the real archives, verified, into a cache shared by every build.
/// </summary>
[TestClass]
public sealed class ToolchainAcquisitionTests
{
    private const string TaskAssemblyLoaded = "Assembly loaded during TaskRun: GoBuild.Tasks";

    [TestMethod]
    public void Build_ExactPin_InstallsFromMirrorOnce_NoOpLoadsNoTask_GoModVersionsAndOfflineHitTheCache()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        // No GoToolchainCacheDir: the per-user default under XDG_CACHE_HOME (the run's user cache).
        TestProject ws = Hello(nameof(Build_ExactPin_InstallsFromMirrorOnce_NoOpLoadsNoTask_GoModVersionsAndOfflineHitTheCache), FromMirror(mirror, "1.26.11", null));
        string cache = Path.Combine(E2E.UserCache, "gobuild", "toolchains");
        string binary = ws.PathOf("app/bin/Debug/app");

        DotNetResult cold = ws.Build("app/app.csproj", "-v:n").AssertSuccess();
        cold.AssertOutputContains("Installing go1.26.11 for linux/amd64 from " + mirror.BaseUri + Archive126);
        cold.AssertOutputContains("GOBINARY app go1.26.11");
        Assert.AreEqual(1, mirror.Count(Archive126));
        Assert.IsTrue(IsInstalled(cache, "go1.26.11"), cache);
        StringAssert.Contains(GoTool.VersionOf(binary), ": go1.26.11");

        DotNetResult noop = ws.Build("app/app.csproj", "-v:diag").AssertSuccess();
        noop.AssertOutputDoesNotContain(TaskAssemblyLoaded);
        noop.AssertOutputContains("Skipping target \"_GoBuildCompile\" because all output files are up-to-date");
        int requests = mirror.Requests.Count;

        // No pin: go.mod's toolchain line (newer than its go line) decides; a no-op build then
        // resolves it without loading a task either.
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, null, null));
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n\ntoolchain go1.26.11\n");
        ws.Build("app/app.csproj", "-v:n").AssertSuccess().AssertOutputContains("GOBINARY app go1.26.11");
        ws.Build("app/app.csproj", "-v:diag").AssertSuccess().AssertOutputDoesNotContain(TaskAssemblyLoaded);

        // Then the go line: 1.26.11 is that release; 1.26 means go1.26.0, which the mirror lacks.
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.26.11\n");
        ws.Build("app/app.csproj", "-v:n").AssertSuccess().AssertOutputContains("GOBINARY app go1.26.11");
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.26\n");
        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1007", "'go1.26.0'");

        // Offline, a floating version settles among the installed toolchains.
        ws.Build("app/app.csproj", "-v:n", "-p:GoToolchainVersion=1.26.*", "-p:GoToolchainOffline=true").AssertSuccess().AssertOutputContains("GOBINARY app go1.26.11");
        Assert.AreEqual(requests + 1, mirror.Requests.Count, "only the index, for go1.26.0: " + string.Join(", ", mirror.Requests));
    }

    [TestMethod]
    public void Build_TwoProjectsPinnedToDifferentVersions_BuildSideBySideInOneParallelBuild()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject ws = Hello(nameof(Build_TwoProjectsPinnedToDifferentVersions_BuildSideBySideInOneParallelBuild), string.Empty);
        string cache = NewCache(ws);
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "[1.20,1.23)", cache));
        ws.WriteFile("next/go.mod", "module example.com/next\n\ngo 1.26\n");
        ws.WriteFile("next/main.go", "package main\n\nfunc main() { println(\"next\") }\n");
        WriteProject(ws, "next/next.csproj", FromMirror(mirror, "1.26.*", cache));
        ws.WriteFile("next/Directory.Build.targets", File.ReadAllText(ws.PathOf("app/Directory.Build.targets")));
        ws.WriteFile("all.slnx", """
            <Solution>
              <Project Path="app/app.csproj" />
              <Project Path="next/next.csproj" />
            </Solution>
            """);

        DotNetResult result = ws.Build("all.slnx", "-m", "-v:n").AssertSuccess();

        result.AssertOutputContains("GOBINARY app go1.22.12");
        result.AssertOutputContains("GOBINARY next go1.26.11");
        StringAssert.Contains(GoTool.VersionOf(ws.PathOf("app/bin/Debug/app")), ": go1.22.12");
        StringAssert.Contains(GoTool.VersionOf(ws.PathOf("next/bin/Debug/next")), ": go1.26.11");
        Assert.AreEqual(1, mirror.Count(Archive122));
        Assert.AreEqual(1, mirror.Count(Archive126));
    }

    [TestMethod]
    public void Build_OfflineWithColdCache_FailsWithGOB1015WithoutConnecting_ThenALocalFolderSeedsIt_AmbientGoVariablesIgnored()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject ws = Hello(nameof(Build_OfflineWithColdCache_FailsWithGOB1015WithoutConnecting_ThenALocalFolderSeedsIt_AmbientGoVariablesIgnored), string.Empty);
        string cache = NewCache(ws);
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "1.26.11", cache) + "<GoToolchainOffline>true</GoToolchainOffline>");

        string error = ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1015", "go1.26.11");
        StringAssert.Contains(error, cache);
        StringAssert.Contains(error, Archive126);
        Assert.AreEqual(0, mirror.Requests.Count, "offline opened a connection");

        // A shell that points Go elsewhere changes nothing: the SDK never reads these.
        ws.Environment["GOTOOLCHAIN"] = "go1.22.12";
        ws.Environment["GOROOT"] = RepoPaths.GoRoot("1.22.12");
        ws.Environment["GOFLAGS"] = "-mod=mod";
        ws.Build("app/app.csproj", "-v:n", "-p:GoToolchainMirror=" + RepoPaths.GoMirror).AssertSuccess().AssertOutputContains("GOBINARY app go1.26.11");

        Assert.IsTrue(IsInstalled(cache, "go1.26.11"));
        StringAssert.Contains(GoTool.VersionOf(ws.PathOf("app/bin/Debug/app")), ": go1.26.11");
        Assert.AreEqual(0, mirror.Requests.Count);
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Build_FromCache_RefusesACacheThatBecameWritableByOthers_AndReinstallsADeletedEntry()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject ws = Hello(nameof(Build_FromCache_RefusesACacheThatBecameWritableByOthers_AndReinstallsADeletedEntry), string.Empty);
        string cache = NewCache(ws);
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "1.26.11", cache));
        ws.Build("app/app.csproj").AssertSuccess();
        ws.Build("app/app.csproj", "-v:diag").AssertSuccess().AssertOutputDoesNotContain(TaskAssemblyLoaded);
        string entry = Path.Combine(cache, "go1.26.11.linux-amd64");

        // The toolchain record still names the entry, but go never runs from a GOROOT others can write.
        UnixFileMode mode = File.GetUnixFileMode(entry);
        File.SetUnixFileMode(entry, mode | UnixFileMode.OtherWrite);
        ws.WriteFile("app/main.go", "package main\n\nfunc main() { println(\"edited\") }\n");
        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1014", entry);
        File.SetUnixFileMode(entry, mode);
        ws.Build("app/app.csproj").AssertSuccess();
        Assert.AreEqual(1, mirror.Count(Archive126));

        // A deleted cache entry is a missing input of the toolchain decision: decided and installed again.
        E2E.TryDelete(entry);
        Assert.IsFalse(Directory.Exists(entry), entry);
        ws.Build("app/app.csproj").AssertSuccess();
        Assert.AreEqual(2, mirror.Count(Archive126));
        Assert.IsTrue(IsInstalled(cache, "go1.26.11"), cache);
    }

    [TestMethod]
    public void Build_WithWrongSha256_FailsWithGOB1008_AndCachesNothing()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        string wrong = new('0', 64);
        TestProject ws = Hello(nameof(Build_WithWrongSha256_FailsWithGOB1008_AndCachesNothing), string.Empty);
        string cache = NewCache(ws);
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "1.26.11", cache) + $"<GoToolchainSha256>{wrong}</GoToolchainSha256>");

        string error = ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1008", mirror.BaseUri + Archive126);

        StringAssert.Contains(error, wrong);
        StringAssert.Contains(error, File.ReadAllText(Path.Combine(RepoPaths.GoMirror, "index.json")).Split('"').First(s => s.Length == 64));
        CollectionAssert.IsSubsetOf(Directory.GetFileSystemEntries(cache).Select(Path.GetFileName).ToArray(), new[] { ".locks", ".staging" });
        Assert.AreEqual(0, Directory.GetFileSystemEntries(Path.Combine(cache, ".staging")).Length, "nothing left in staging");
    }

    [TestMethod]
    public void Build_FailuresDecidedBeforeAnyDownload_DesignTimeNeverDownloads()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject ws = Hello(nameof(Build_FailuresDecidedBeforeAnyDownload_DesignTimeNeverDownloads), string.Empty);
        string cache = NewCache(ws);
        WriteProject(ws, "app/app.csproj", FromMirror(mirror, "1.26.11", cache));

        // A design-time build (an IDE loading the project) neither downloads nor fails.
        ws.Build("app/app.csproj", "-p:DesignTimeBuild=true").AssertSuccess();
        Assert.AreEqual(0, mirror.Requests.Count);

        // go.mod needs a newer Go than the pin: an error, never a switch.
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.27\n");
        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1006", "requires go 1.27");
        Assert.AreEqual(0, mirror.Requests.Count);
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");

        // The netstandard2.0 tasks (.NET Framework MSBuild) unpack .zip only: refused before the download.
        ws.Build("app/app.csproj", "-p:_GoBuildTasksFramework=netstandard2.0").AssertFailure().AssertError("GOB1019", Archive126);
        Assert.AreEqual(0, mirror.Count(Archive126));

        // A GoToolchainRoot must satisfy a floating pin too.
        ws.Build("app/app.csproj", "-p:GoToolchainRoot=" + RepoPaths.GoRoot("1.26.11"), "-p:GoToolchainVersion=1.22.*").AssertFailure().AssertError("GOB1003", "1.22.*");
        Assert.AreEqual(0, mirror.Count(Archive126));
    }
}
