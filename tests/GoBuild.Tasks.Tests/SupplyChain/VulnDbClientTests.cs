using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.SupplyChain;

/// <summary>The client against the real database entries, served from loopback or read from the folder.</summary>
[TestClass]
public sealed class VulnDbClientTests
{
    private static readonly string[] s_modules = { "golang.org/x/text", "stdlib" };

    private string _cache = string.Empty;
    private DateTimeOffset _now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    [TestInitialize]
    public void CreateCache() => _cache = RepoPaths.NewTempDirectory("vulndb-cache");

    [TestCleanup]
    public void DeleteCache() => Directory.Delete(_cache, recursive: true);

    [TestMethod]
    public void Load_FromLoopback_FetchesIndexAndOnlyTheEntriesOfTheAskedModules()
    {
        using LoopbackMirror mirror = Serve();

        VulnDatabase db = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.IsTrue(db.Available);
        Assert.AreEqual(0, db.Problems.Count, string.Join("\n", db.Problems.Select(p => p.Reason)));
        Assert.AreEqual(4, db.EntriesFor("golang.org/x/text").Count);
        Assert.AreEqual(168, db.EntriesFor("stdlib").Count);
        Assert.AreEqual(1, mirror.Count("index/db.json"));
        Assert.AreEqual(1, mirror.Count("index/modules.json"));
        Assert.AreEqual(0, mirror.Count("ID/GO-2023-1572.json"), "an x/image entry was fetched for an audit that does not link x/image");
        Assert.IsNotNull(db.StampPath);
        Assert.IsTrue(File.Exists(db.StampPath));
    }

    [TestMethod]
    public void Load_WithVersions_ReadsOnlyTheEntriesNotFixedAtThoseVersions()
    {
        using LoopbackMirror mirror = Serve();
        var versions = new[]
        {
            new System.Collections.Generic.KeyValuePair<string, OsvVersion?>("stdlib", OsvVersion.FromGoVersion("go1.22.12")),
            new System.Collections.Generic.KeyValuePair<string, OsvVersion?>("stdlib", OsvVersion.FromGoVersion("go1.26.11")),
            new System.Collections.Generic.KeyValuePair<string, OsvVersion?>("golang.org/x/text", OsvVersion.FromModuleVersion("v0.3.6")),
        };

        VulnDatabase db = Client(mirror).Load(versions, CancellationToken.None);

        // The lowest version asked for decides: go1.22.12 needs the entries fixed after it, not the 168 of all time.
        System.Collections.Generic.IReadOnlyList<OsvEntry> stdlib = db.EntriesFor("stdlib");
        Assert.IsTrue(stdlib.Count > 0 && stdlib.Count < 168, stdlib.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsTrue(stdlib.Any(e => e.Id == "GO-2026-4970"), "fixed in go1.25.12, so it affects go1.22.12");
        Assert.AreEqual(0, mirror.Count("ID/GO-2021-0067.json"), "an entry fixed in Go 1.16.1 was fetched for a go1.22.12 audit");
        Assert.AreEqual(stdlib.Count + db.EntriesFor("golang.org/x/text").Count, mirror.Requests.Count(r => r.StartsWith("ID/", StringComparison.Ordinal)));
        Assert.IsTrue(db.EntriesFor("golang.org/x/text").Any(e => e.Id == "GO-2021-0113"));
        Assert.IsFalse(db.EntriesFor("golang.org/x/text").Any(e => e.Id == "GO-2020-0015"), "fixed in v0.3.3");
    }

    [TestMethod]
    public void Load_TwiceInOneDay_AsksTheSourceOnce()
    {
        using LoopbackMirror mirror = Serve();
        Client(mirror).Load(s_modules, CancellationToken.None);
        int requests = mirror.Requests.Count;

        _now = _now.AddHours(23);
        VulnDatabase second = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.AreEqual(requests, mirror.Requests.Count, string.Join("\n", mirror.Requests.Skip(requests)));
        Assert.AreEqual(4, second.EntriesFor("golang.org/x/text").Count);
    }

    [TestMethod]
    public void Load_TheNextDay_AsksWithAConditionalRequestAndRefetchesNothingUnchanged()
    {
        using LoopbackMirror mirror = Serve();
        Client(mirror).Load(s_modules, CancellationToken.None);
        int requests = mirror.Requests.Count;

        _now = _now.AddDays(1).AddMinutes(1);
        VulnDatabase next = Client(mirror).Load(s_modules, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "index/db.json" }, mirror.Requests.Skip(requests).ToArray());
        Assert.AreEqual(1, mirror.NotModifiedCount, "the second ask is conditional and answered 304");
        Assert.AreEqual(0, next.Problems.Count);
        Assert.AreEqual(168, next.EntriesFor("stdlib").Count);
    }

    [TestMethod]
    public void CurrentData_IsTheStampOnlyWhileTheDaysCheckIsDone_AndAFolderSourcesIndexFiles()
    {
        using LoopbackMirror mirror = Serve();
        Assert.IsNull(Client(mirror).CurrentData(), "nothing fetched yet");

        VulnDatabase db = Client(mirror).Load(s_modules, CancellationToken.None);
        int requests = mirror.Requests.Count;
        _now = _now.AddHours(23);
        CollectionAssert.AreEqual(new[] { db.StampPath }, Client(mirror).CurrentData()!.ToArray());

        _now = _now.AddHours(2);
        Assert.IsNull(Client(mirror).CurrentData(), "the next day's check is due: the audit must run Load");
        Assert.AreEqual(requests, mirror.Requests.Count, "CurrentData asks nothing");

        var folder = new VulnDbClient(VulnDbSource.Parse(VulnDbFixture.Folder, "/"), _cache);
        CollectionAssert.AreEqual(
            new[] { Path.Combine(VulnDbFixture.Folder, "index", "db.json"), Path.Combine(VulnDbFixture.Folder, "index", "modules.json") },
            folder.CurrentData()!.ToArray());
    }

    [TestMethod]
    public void CurrentData_AfterAFailedCheck_IsNull_SoTheAuditRunsAndReportsIt()
    {
        using LoopbackMirror mirror = Serve();
        Client(mirror).Load(s_modules, CancellationToken.None);
        _now = _now.AddDays(1).AddMinutes(1);
        mirror.Fail("index/db.json", MirrorFault.ServerError);

        VulnDatabase failed = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.AreNotEqual(0, failed.Problems.Count);
        Assert.IsNull(Client(mirror).CurrentData());
    }

    [TestMethod]
    public void Load_FromManyThreadsAtOnce_FetchesOnce()
    {
        using LoopbackMirror mirror = Serve();

        Parallel.For(0, 6, _ => Assert.IsTrue(Client(mirror).Load(s_modules, CancellationToken.None).Available));

        Assert.AreEqual(1, mirror.Count("index/db.json"));
        Assert.AreEqual(1, mirror.Count("ID/GO-2021-0113.json"));
    }

    [TestMethod]
    public void Load_OfflineWithACachedCopy_UsesItAndSaysHowOldItIs()
    {
        Uri source;
        using (LoopbackMirror mirror = Serve())
        {
            source = mirror.BaseUri;
            Client(source).Load(s_modules, CancellationToken.None);
        }

        // The server is gone: the connection is refused.
        _now = _now.AddDays(3).AddHours(2);
        VulnDatabase db = Client(source).Load(s_modules, CancellationToken.None);

        Assert.IsTrue(db.Available);
        Assert.AreEqual(4, db.EntriesFor("golang.org/x/text").Count);
        VulnDbProblem problem = db.Problems.Single();
        StringAssert.Contains(problem.Reason, source.AbsoluteUri + "index/db.json");
        Assert.AreEqual(TimeSpan.FromHours(74), problem.CachedAge);

        // That failure counts as the day's check: the next build does not ask again, and still warns.
        _now = _now.AddHours(1);
        VulnDatabase later = Client(source).Load(s_modules, CancellationToken.None);
        Assert.AreEqual(problem.Reason, later.Problems.Single().Reason);
        Assert.AreEqual(TimeSpan.FromHours(75), later.Problems.Single().CachedAge);
    }

    [TestMethod]
    [DataRow(MirrorFault.NotFound, "404")]
    [DataRow(MirrorFault.ServerError, "500")]
    [DataRow(MirrorFault.CutHalfway, "index/db.json")]
    public void Load_WithAFailingSourceAndNoCache_ReportsAProblemAndNoData(MirrorFault fault, string expected)
    {
        using LoopbackMirror mirror = Serve();
        mirror.Fail("index/db.json", fault);

        VulnDatabase db = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.IsFalse(db.Available);
        VulnDbProblem problem = db.Problems.Single();
        StringAssert.Contains(problem.Reason, expected);
        Assert.IsNull(problem.CachedAge);
        Assert.AreEqual(_now.AddDays(1), db.NextCheck);
        Assert.IsTrue(File.Exists(db.StampPath), "the failed check is recorded, so builds can skip the audit until the next one");
    }

    [TestMethod]
    public void Load_WithAFailingSourceAndNoCache_AsksAgainOnlyADayLater_AndRewritesTheStampThen()
    {
        using LoopbackMirror mirror = Serve();
        mirror.Fail("index/db.json", MirrorFault.ServerError);
        VulnDatabase failed = Client(mirror).Load(s_modules, CancellationToken.None);
        DateTime stampTime = File.GetLastWriteTimeUtc(failed.StampPath!);
        int requests = mirror.Requests.Count;

        // Within the day (the source would answer now): no request, the same problem, the same stamp.
        _now = _now.AddHours(23);
        VulnDatabase later = Client(mirror).Load(s_modules, CancellationToken.None);
        Assert.AreEqual(requests, mirror.Requests.Count, string.Join("\n", mirror.Requests.Skip(requests)));
        Assert.IsFalse(later.Available);
        Assert.AreEqual(failed.Problems.Single().Reason, later.Problems.Single().Reason);
        Assert.AreEqual(failed.StampPath, later.StampPath);
        Assert.AreEqual(stampTime, File.GetLastWriteTimeUtc(later.StampPath!));

        // A day after the failed ask: asked again, data, and a stamp whose content (so time) changed.
        _now = _now.AddHours(1);
        VulnDatabase next = Client(mirror).Load(s_modules, CancellationToken.None);
        Assert.AreEqual(1 + 1, mirror.Count("index/db.json"));
        Assert.IsTrue(next.Available);
        Assert.AreEqual(0, next.Problems.Count, string.Join("\n", next.Problems.Select(p => p.Reason)));
        Assert.AreEqual(failed.StampPath, next.StampPath);
        StringAssert.StartsWith(File.ReadAllText(next.StampPath!), "modified ");
    }

    [TestMethod]
    public void Load_WithBadJsonInTheIndex_ReportsAProblemAndKeepsTheCachedCopy()
    {
        using LoopbackMirror mirror = Serve();
        Client(mirror).Load(s_modules, CancellationToken.None);
        mirror.AddFile("index/db.json", Encoding.UTF8.GetBytes("{\"modified\": \"2026-09-02T00:00:00Z\"}"));
        mirror.AddFile("index/modules.json", Encoding.UTF8.GetBytes("[{\"path\": \"stdlib\", \"vulns\": [{\"id\": "));

        _now = _now.AddDays(2);
        VulnDatabase db = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.IsTrue(db.Available);
        Assert.AreEqual(168, db.EntriesFor("stdlib").Count, "the cached index still serves");
        StringAssert.Contains(db.Problems.Single().Reason, "modules.json");
        Assert.AreEqual(TimeSpan.FromDays(2), db.Problems.Single().CachedAge);
    }

    [TestMethod]
    public void Load_WithABrokenEntry_ReportsItAndKeepsTheOthers()
    {
        using LoopbackMirror mirror = Serve();
        mirror.AddFile("ID/GO-2021-0113.json", Encoding.UTF8.GetBytes("not json"));
        mirror.Fail("ID/GO-2022-1059.json", MirrorFault.ServerError);

        VulnDatabase db = Client(mirror).Load(s_modules, CancellationToken.None);

        Assert.IsTrue(db.Available);
        Assert.AreEqual(2, db.EntriesFor("golang.org/x/text").Count);
        Assert.AreEqual(2, db.Problems.Count, string.Join("\n", db.Problems.Select(p => p.Reason)));
    }

    [TestMethod]
    public void Load_FromAFolder_ReadsItInPlace()
    {
        var client = new VulnDbClient(VulnDbSource.Parse(VulnDbFixture.Folder, "/"), _cache);

        VulnDatabase db = client.Load(new[] { "golang.org/x/net", "toolchain" }, CancellationToken.None);

        Assert.AreEqual(30, db.EntriesFor("golang.org/x/net").Count);
        Assert.AreEqual(32, db.EntriesFor("toolchain").Count);
        Assert.AreEqual(Path.Combine(VulnDbFixture.Folder, "index", "db.json"), db.StampPath);
        string[] written = Directory.EnumerateFiles(_cache, "*", SearchOption.AllDirectories).ToArray();
        Assert.IsTrue(written.All(f => Path.GetDirectoryName(f) == client.DigestDirectory && f.EndsWith(".bin", StringComparison.Ordinal)), "a folder source is not copied, only its digests are kept:\n" + string.Join("\n", written));
    }

    [TestMethod]
    public void Load_AgainFromItsDigests_GivesTheSameEntriesAsTheJson()
    {
        // A copy of the fixture, so that this test's files are parsed by no other test of this process.
        string folder = RepoPaths.NewTempDirectory("vulndb-copy");
        try
        {
            VulnDbFixture.CopyTo(folder);
            string[] modules = { "golang.org/x/net", "golang.org/x/text", "stdlib", "toolchain" };
            var first = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache);
            VulnDatabase parsed = first.Load(modules, CancellationToken.None);
            int digests = Directory.GetFiles(first.DigestDirectory, "*.bin").Length;
            Assert.AreEqual(1 + modules.SelectMany(m => parsed.EntriesFor(m)).Select(e => e.Id).Distinct().Count(), digests, "one digest for the index and one per entry read");

            // Touched: the process's cache of parsed files misses, so the entries come from the digests.
            foreach (string file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(-10));
            }

            VulnDatabase again = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache).Load(modules, CancellationToken.None);

            Assert.AreEqual(0, again.Problems.Count, string.Join("\n", again.Problems.Select(p => p.Reason)));
            foreach (string module in modules)
            {
                Assert.AreEqual(Describe(parsed.EntriesFor(module)), Describe(again.EntriesFor(module)), module);
            }

            Assert.AreEqual(digests, Directory.GetFiles(first.DigestDirectory, "*.bin").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Load_WithAChangedIndexOrEntry_ParsesTheNewJsonAndDropsTheOldDigest()
    {
        string folder = RepoPaths.NewTempDirectory("vulndb-copy");
        try
        {
            VulnDbFixture.CopyTo(folder);
            var client = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache);
            Assert.AreEqual(4, client.Load(s_modules, CancellationToken.None).EntriesFor("golang.org/x/text").Count);

            // x/text loses an entry in the index, and another entry changes its summary.
            string modulesPath = Path.Combine(folder, "index", "modules.json");
            var index = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(modulesPath))!.AsArray();
            System.Text.Json.Nodes.JsonArray text = index.Single(m => (string?)m!["path"] == "golang.org/x/text")!["vulns"]!.AsArray();
            text.Remove(text.Single(v => (string?)v!["id"] == "GO-2020-0015"));
            File.WriteAllText(modulesPath, index.ToJsonString());
            string entryPath = Path.Combine(folder, "ID", "GO-2021-0113.json");
            string entry = File.ReadAllText(entryPath);
            string summary = OsvEntry.Parse(entry).Summary;
            File.WriteAllText(entryPath, entry.Replace(summary, "Changed summary"));

            VulnDatabase db = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache).Load(s_modules, CancellationToken.None);

            Assert.AreEqual(0, db.Problems.Count, string.Join("\n", db.Problems.Select(p => p.Reason)));
            Assert.AreEqual(3, db.EntriesFor("golang.org/x/text").Count);
            Assert.IsFalse(db.EntriesFor("golang.org/x/text").Any(e => e.Id == "GO-2020-0015"));
            Assert.AreEqual("Changed summary", db.EntriesFor("golang.org/x/text").Single(e => e.Id == "GO-2021-0113").Summary);
            Assert.AreEqual(1, Directory.GetFiles(client.DigestDirectory, "index.*.bin").Length, "the old index's digest is deleted");
            Assert.AreEqual(1, Directory.GetFiles(client.DigestDirectory, "GO-2021-0113.*.bin").Length, "the old entry's digest is deleted");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Load_WithDamagedDigests_ReadsTheJsonInstead()
    {
        string folder = RepoPaths.NewTempDirectory("vulndb-copy");
        try
        {
            VulnDbFixture.CopyTo(folder);
            var client = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache);
            string expected = Describe(client.Load(s_modules, CancellationToken.None).EntriesFor("golang.org/x/text"));
            foreach (string digest in Directory.GetFiles(client.DigestDirectory, "*.bin"))
            {
                byte[] bytes = File.ReadAllBytes(digest);
                File.WriteAllBytes(digest, bytes.Take(bytes.Length / 2).ToArray());
            }

            foreach (string file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(-10));
            }

            VulnDatabase db = new VulnDbClient(VulnDbSource.Parse(folder, "/"), _cache).Load(s_modules, CancellationToken.None);

            Assert.AreEqual(0, db.Problems.Count, string.Join("\n", db.Problems.Select(p => p.Reason)));
            Assert.AreEqual(expected, Describe(db.EntriesFor("golang.org/x/text")));
            Assert.AreEqual(168, db.EntriesFor("stdlib").Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Load_FromLoopback_WritesTheDigestsWhenItFetches()
    {
        using LoopbackMirror mirror = Serve();
        VulnDbClient client = Client(mirror);

        VulnDatabase db = client.Load(s_modules, CancellationToken.None);

        Assert.AreEqual(Path.Combine(client.CacheDirectory, "digest"), client.DigestDirectory);
        Assert.AreEqual(1, Directory.GetFiles(client.DigestDirectory, "index.*.bin").Length);
        Assert.AreEqual(s_modules.SelectMany(db.EntriesFor).Select(e => e.Id).Distinct().Count(), Directory.GetFiles(client.DigestDirectory, "GO-*.bin").Length);
        Assert.AreEqual(4, db.EntriesFor("golang.org/x/text").Count);
    }

    [TestMethod]
    [DataRow("http://vuln.example.com/")]
    [DataRow("ftp://127.0.0.1/db")]
    [DataRow("  ")]
    public void Parse_WithAnUnsafeOrUnknownSource_FailsWithGOB3105(string source)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => VulnDbSource.Parse(source, "/"));
        StringAssert.StartsWith(ex.Message, "GOB3105: GoAuditSource is '");
    }

    [TestMethod]
    public void Parse_AcceptsHttpsLoopbackHttpAndFileUrls()
    {
        Assert.AreEqual("https://vuln.go.dev/", VulnDbSource.Parse("https://vuln.go.dev", "/").BaseUri!.AbsoluteUri);
        Assert.IsNotNull(VulnDbSource.Parse("http://127.0.0.1:8080/db/", "/").BaseUri);
        Assert.IsNotNull(VulnDbSource.Parse("http://localhost:8080/", "/").BaseUri);
        Assert.AreEqual(VulnDbFixture.Folder, VulnDbSource.Parse(new Uri(VulnDbFixture.Folder).AbsoluteUri, "/").Folder);
    }

    // Everything the audit reads of the entries, one line each.
    private static string Describe(System.Collections.Generic.IReadOnlyList<OsvEntry> entries) =>
        string.Join("\n", entries.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e =>
            $"{e.Id} [{e.Summary}] aliases={string.Join(",", e.Aliases)} " + string.Join(" ", e.Affected.Select(a =>
                $"{a.Module}:" + string.Join("|", a.Ranges.Select(r => string.Join(",", r.Select(v => $"{v.Kind}={v.Version?.Text ?? "0"}"))))
                + ":" + string.Join("|", a.Packages.Select(p => $"{p.Path}/{string.Join(",", p.GoOS)}/{string.Join(",", p.GoArch)}/{string.Join(",", p.Symbols)}"))))));

    private static LoopbackMirror Serve()
    {
        LoopbackMirror mirror = LoopbackMirror.Start(null);
        mirror.UseETags = true;
        VulnDbFixture.Serve(mirror);
        return mirror;
    }

    private VulnDbClient Client(LoopbackMirror mirror) => Client(mirror.BaseUri);

    private VulnDbClient Client(Uri source) =>
        new(VulnDbSource.Parse(source.AbsoluteUri, "/"), _cache, () => _now, policy: new VulnDbPolicy { RequestTimeout = TimeSpan.FromSeconds(10), LockTimeout = TimeSpan.FromSeconds(30) });
}
