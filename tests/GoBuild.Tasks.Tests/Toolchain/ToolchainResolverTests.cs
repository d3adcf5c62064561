using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Tasks.Toolchain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>
/// Resolution and installation end to end, with tiny crafted toolchains (bin/go is a script that
/// answers <c>go env GOVERSION</c>) served by a loopback mirror.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ToolchainResolverTests
{
    private static readonly HostPlatform s_host = new("linux", "amd64");

    [TestMethod]
    public void Resolve_ExactPin_InstallsOnce_MarkerLast_ThenHitsTheCacheWithoutRequests()
    {
        using var fx = new Fixture("go1.99.1", "go1.99.2");
        var log = new RecordingToolchainLog();

        ResolvedToolchain first = fx.Resolve(fx.Settings("1.99.1"), log);
        ResolvedToolchain second = fx.Resolve(fx.Settings("go1.99.1"));

        Assert.AreEqual("go1.99.1", first.Version);
        Assert.AreEqual(Path.Combine(fx.Cache, "go1.99.1.linux-amd64"), first.Root);
        Assert.AreEqual(first.Root, second.Root);
        CollectionAssert.AreEqual(new[] { "index.json", "go1.99.1.linux-amd64.tar.gz" }, fx.Mirror.Requests.ToArray());
        ToolchainMarker marker = ToolchainMarker.Parse(File.ReadAllText(Path.Combine(first.Root, ToolchainCache.MarkerName)));
        Assert.AreEqual("go1.99.1", marker.GoVersion);
        Assert.AreEqual(TestArchives.Sha256(fx.Archives["go1.99.1"]), marker.Sha256);
        Assert.IsTrue(File.Exists(Path.Combine(first.Root, "bin", "go")));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(Path.Combine(fx.Cache, ".staging")).Length);
        Assert.AreEqual(1, log.Count("ToolchainInstalling"), log.ToString());
    }

    [TestMethod]
    public void Resolve_ChecksumMismatch_FailsWithGOB1008_NamingUrlAndHashes_AndCachesNothing()
    {
        using var fx = new Fixture("go1.99.1");
        fx.Mirror.Fail("go1.99.1.linux-amd64.tar.gz", MirrorFault.WrongBytes);

        string message = TestArchives.AssertFails("GOB1008", () => fx.Resolve(fx.Settings("1.99.1")));

        StringAssert.Contains(message, fx.Mirror.BaseUri + "go1.99.1.linux-amd64.tar.gz");
        StringAssert.Contains(message, TestArchives.Sha256(fx.Archives["go1.99.1"]));
        fx.AssertNothingInstalled();
    }

    [TestMethod]
    public void Resolve_WrongPinnedSha256_FailsWithGOB1008_AndCachesNothing()
    {
        using var fx = new Fixture("go1.99.1");
        ToolchainSettings settings = fx.Settings("1.99.1");
        settings.Sha256 = new string('a', 64);

        string message = TestArchives.AssertFails("GOB1008", () => fx.Resolve(settings));

        StringAssert.Contains(message, "GoToolchainSha256 expects " + new string('a', 64));
        fx.AssertNothingInstalled();
    }

    [TestMethod]
    public void Resolve_PinnedSha256_FromLocalFolderWithoutIndex_InstallsVerifiedArchive()
    {
        using var fx = new Fixture("go1.99.1");
        string folder = RepoPaths.NewTempDirectory("seed");
        File.WriteAllBytes(Path.Combine(folder, "go1.99.1.linux-amd64.tar.gz"), fx.Archives["go1.99.1"]);
        ToolchainSettings settings = fx.Settings("1.99.1");
        settings.Mirror = folder;
        settings.Offline = true;
        settings.Sha256 = TestArchives.Sha256(fx.Archives["go1.99.1"]).ToUpperInvariant();

        ResolvedToolchain resolved = fx.Resolve(settings);

        Assert.AreEqual("go1.99.1", resolved.Version);
        Assert.AreEqual(0, fx.Mirror.Requests.Count);
    }

    [TestMethod]
    [DataRow("1.99.*", "go1.99.2")]
    [DataRow("[1.98,1.100)", "go1.99.2")]
    [DataRow("(,1.99.2)", "go1.99.1")]
    [DataRow("1.100rc1", "go1.100rc1")]
    public void Resolve_FloatingOrRange_SettlesAgainstTheIndex(string version, string expected)
    {
        using var fx = new Fixture("go1.99.1", "go1.99.2", "go1.100rc1");

        Assert.AreEqual(expected, fx.Resolve(fx.Settings(version)).Version);
    }

    [TestMethod]
    public void Resolve_WithoutProperty_UsesToolchainLine_ThenGoLine_AndGoWorkFirst()
    {
        using var fx = new Fixture("go1.99.1", "go1.99.2");
        fx.WriteProjectFile("go.mod", "module m\n\ngo 1.99.1\n\ntoolchain go1.99.2\n");
        Assert.AreEqual("go1.99.2", fx.Resolve(fx.Settings(null)).Version);

        fx.WriteProjectFile("go.mod", "module m\n\ngo 1.99.1\n");
        (_, string source, _) = new ToolchainResolver(fx.Settings(null), new RecordingToolchainLog()).DetermineRequest();
        StringAssert.Contains(source, "the go line of");
        Assert.AreEqual("go1.99.1", fx.Resolve(fx.Settings(null)).Version);

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(fx.Project)!, "go.work"), "go 1.99.2\n\nuse ./project\n");
        Assert.AreEqual("go1.99.2", fx.Resolve(fx.Settings(null)).Version);
    }

    [TestMethod]
    public void Resolve_GoModNeedsNewerGoThanThePin_FailsWithGOB1006_BeforeAnyDownload()
    {
        using var fx = new Fixture("go1.99.1");
        fx.WriteProjectFile("go.mod", "module m\n\ngo 1.99.2\n");

        string message = TestArchives.AssertFails("GOB1006", () => fx.Resolve(fx.Settings("1.99.1")));

        StringAssert.Contains(message, "requires go 1.99.2");
        StringAssert.Contains(message, "go1.99.1");
        Assert.AreEqual(0, fx.Mirror.Requests.Count);
    }

    [TestMethod]
    public void Resolve_NothingPinsAVersion_FailsWithGOB1002()
    {
        using var fx = new Fixture("go1.99.1");

        TestArchives.AssertFails("GOB1002", () => fx.Resolve(fx.Settings(null)));
        fx.WriteProjectFile("go.mod", "module m\n");
        StringAssert.Contains(TestArchives.AssertFails("GOB1002", () => fx.Resolve(fx.Settings(null))), "neither a 'go' nor a 'toolchain' line");
    }

    [TestMethod]
    public void Resolve_Offline_MissFailsAtOnceWithGOB1015_HitWorks_NoRequestEither()
    {
        using var fx = new Fixture("go1.99.1");
        ToolchainSettings offline = fx.Settings("1.99.1");
        offline.Offline = true;

        string message = TestArchives.AssertFails("GOB1015", () => fx.Resolve(offline));
        StringAssert.Contains(message, "go1.99.1");
        StringAssert.Contains(message, fx.Cache);
        StringAssert.Contains(message, "go1.99.1.linux-amd64.tar.gz");
        Assert.AreEqual(0, fx.Mirror.Requests.Count);

        fx.Resolve(fx.Settings("1.99.1"));
        int requests = fx.Mirror.Requests.Count;
        Assert.AreEqual("go1.99.1", fx.Resolve(offline).Version);
        offline.Version = "1.99.*";
        Assert.AreEqual("go1.99.1", fx.Resolve(offline).Version, "offline, a floating version settles among installed ones");
        Assert.AreEqual(requests, fx.Mirror.Requests.Count);
    }

    [TestMethod]
    public void Resolve_DesignTimeMiss_ReturnsNothing_WithoutRequestsOrFolders()
    {
        using var fx = new Fixture("go1.99.1");
        ToolchainSettings settings = fx.Settings("1.99.1");
        settings.DesignTime = true;

        Assert.IsNull(new ToolchainResolver(settings, new RecordingToolchainLog()).Resolve(CancellationToken.None));
        Assert.AreEqual(0, fx.Mirror.Requests.Count);
        Assert.IsFalse(Directory.Exists(fx.Cache));
    }

    [TestMethod]
    public void Resolve_AfterAnInterruptedInstall_RemovesLeftovers_AndInstalls()
    {
        using var fx = new Fixture("go1.99.1");
        string entry = Path.Combine(fx.Cache, "go1.99.1.linux-amd64");
        string staging = Path.Combine(fx.Cache, ".staging", "go1.99.1.linux-amd64.dead00000000");
        Directory.CreateDirectory(Path.Combine(entry, "bin"));
        File.WriteAllText(Path.Combine(entry, "bin", "go"), "half");
        Directory.CreateDirectory(Path.Combine(staging, "x", "go"));
        File.WriteAllText(Path.Combine(staging, "go1.99.1.linux-amd64.tar.gz"), "partial");
        var log = new RecordingToolchainLog();

        ResolvedToolchain resolved = fx.Resolve(fx.Settings("1.99.1"), log);

        Assert.AreEqual(1, log.Count("ToolchainRepaired"), log.ToString());
        Assert.IsFalse(Directory.Exists(staging));
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(resolved.Root, "bin", "go")), "#!/bin/sh");
    }

    [TestMethod]
    public void Resolve_ArchiveReportingAnotherVersion_FailsWithGOB1016_AndLeavesNoEntry()
    {
        using var fx = new Fixture();
        fx.Serve("go1.99.1", TestArchives.FakeToolchainTarGz("go1.99.1", reports: "go1.98.0"));

        string message = TestArchives.AssertFails("GOB1016", () => fx.Resolve(fx.Settings("1.99.1")));

        StringAssert.Contains(message, "go1.98.0");
        fx.AssertNothingInstalled();
    }

    [TestMethod]
    public void Resolve_CacheFolderWritableByOthers_FailsWithGOB1014_ANewOneIsPrivate()
    {
        using var fx = new Fixture("go1.99.1");
        fx.Resolve(fx.Settings("1.99.1"));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fx.Cache));

        File.SetUnixFileMode(fx.Cache, File.GetUnixFileMode(fx.Cache) | UnixFileMode.GroupWrite | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        StringAssert.Contains(TestArchives.AssertFails("GOB1014", () => fx.Resolve(fx.Settings("1.99.1"))), "0770");
    }

    [TestMethod]
    public void Resolve_CachedEntryVerifiedWithAnotherHash_FailsWithGOB1021()
    {
        using var fx = new Fixture("go1.99.1");
        fx.Resolve(fx.Settings("1.99.1"));
        ToolchainSettings settings = fx.Settings("1.99.1");
        settings.Sha256 = new string('b', 64);

        TestArchives.AssertFails("GOB1021", () => fx.Resolve(settings));
    }

    [TestMethod]
    public void Resolve_ReleaseMissingFromIndex_FailsWithGOB1007_ListingWhatThereIs()
    {
        using var fx = new Fixture("go1.99.1");

        StringAssert.Contains(TestArchives.AssertFails("GOB1007", () => fx.Resolve(fx.Settings("1.99.3"))), "go1.99.1");
        TestArchives.AssertFails("GOB1007", () => fx.Resolve(fx.Settings("1.98.*")));
    }

    [TestMethod]
    public void Resolve_EightThreadsAtOnce_DownloadOnce()
    {
        using var fx = new Fixture("go1.99.1");
        fx.Mirror.Fail("go1.99.1.linux-amd64.tar.gz", MirrorFault.SlowBody);
        var roots = new ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => roots.Add(fx.Resolve(fx.Settings("1.99.1")).Root));

        Assert.AreEqual(1, roots.Distinct().Count());
        Assert.AreEqual(1, fx.Mirror.Count("go1.99.1.linux-amd64.tar.gz"));
    }

    [TestMethod]
    public void Resolve_WhileAnotherProcessHoldsTheLock_Waits_ThenTimesOutWithGOB1017()
    {
        using var fx = new Fixture("go1.99.1");
        string lockFile = Path.Combine(fx.Cache, ".locks", "go1.99.1.linux-amd64.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var log = new RecordingToolchainLog();

        // An OS lock held through another open file: what a second process holds.
        using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var resolver = new ToolchainResolver(fx.Settings("1.99.1"), log, lockTimeout: TimeSpan.FromMilliseconds(500));
            TestArchives.AssertFails("GOB1017", () => resolver.Resolve(CancellationToken.None));
        }

        Assert.AreEqual(1, log.Count("ToolchainWaiting"), log.ToString());
        Assert.AreEqual("go1.99.1", fx.Resolve(fx.Settings("1.99.1")).Version, "the lock is free again");
    }

    /// <summary>A project folder, a cache folder, and a mirror serving crafted toolchains.</summary>
    private sealed class Fixture : IDisposable
    {
        public Fixture(params string[] releases)
        {
            string root = RepoPaths.NewTempDirectory("resolver");
            Project = Path.Combine(root, "project");
            Directory.CreateDirectory(Project);
            Cache = Path.Combine(root, "cache");
            Mirror = LoopbackMirror.Start(null);
            foreach (string release in releases)
            {
                Serve(release, TestArchives.FakeToolchainTarGz(release));
            }
        }

        public string Project { get; }

        public string Cache { get; }

        public LoopbackMirror Mirror { get; }

        public System.Collections.Generic.Dictionary<string, byte[]> Archives { get; } = new();

        public void Serve(string release, byte[] archive)
        {
            Archives[release] = archive;
            Mirror.AddFile(release + ".linux-amd64.tar.gz", archive);
            Mirror.AddFile("index.json", TestArchives.Index(Archives.Select(a => (a.Key, a.Key + ".linux-amd64.tar.gz", a.Value, !a.Key.Contains("rc"))).ToArray()));
        }

        public void WriteProjectFile(string name, string content) => File.WriteAllText(Path.Combine(Project, name), content);

        public ToolchainSettings Settings(string? version) => new()
        {
            ProjectDirectory = Project,
            Version = version,
            Mirror = Mirror.BaseUri.AbsoluteUri,
            AllowHttp = true,
            CacheDir = Cache,
            Host = s_host,
        };

        public ResolvedToolchain Resolve(ToolchainSettings settings, RecordingToolchainLog? log = null) =>
            new ToolchainResolver(settings, log ?? new RecordingToolchainLog()).Resolve(CancellationToken.None)!;

        public void AssertNothingInstalled()
        {
            string[] entries = Directory.GetFileSystemEntries(Cache).Select(Path.GetFileName).ToArray()!;
            CollectionAssert.IsSubsetOf(entries, new[] { ".locks", ".staging", ".index" }, string.Join(", ", entries));
            string staging = Path.Combine(Cache, ".staging");
            Assert.IsTrue(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is empty");
        }

        public void Dispose() => Mirror.Dispose();
    }
}
