using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.SupplyChain;

/// <summary>
/// A real binary, linking golang.org/x/text v0.3.6 (a synthetic module under the real path) from a
/// file:// proxy, read back and audited against the real database entries.
/// </summary>
[TestClass]
public sealed class BuildInfoAndAuditTests
{
    private static string s_work = string.Empty;
    private static string s_binary = string.Empty;
    private static string s_goVersionOutput = string.Empty;
    private static string s_listOutput = string.Empty;

    [ClassInitialize]
    public static void BuildBinary(TestContext context)
    {
        s_work = RepoPaths.NewTempDirectory("buildinfo");
        // language.Parse has the name of a function GO-2021-0113 lists (not GO-2022-1059), for govulncheck.
        SyntheticModule text = SyntheticModule.WithPackages("golang.org/x/text", "v0.3.6", "language", "unicode/norm");
        var files = new Dictionary<string, string>(text.Files) { ["language/parse.go"] = "package language\n\n// Parse stands in for the affected function.\n//\n//go:noinline\nfunc Parse(s string) string { return \"tag:\" + s }\n" };
        SyntheticModuleProxy proxy = SyntheticModuleProxy.Create(Path.Combine(s_work, "proxy"), text with { Files = files });
        string app = Path.Combine(s_work, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.6\n");
        File.WriteAllText(Path.Combine(app, "go.sum"), proxy.GoSumLines());
        File.WriteAllText(Path.Combine(app, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\t\"golang.org/x/text/language\"\n)\n\nvar v = \"unset\"\n\nfunc main() { fmt.Println(language.Name(), language.Parse(os.Args[0]), v) }\n");
        string goRoot = RepoPaths.GoRoot("1.26.11");
        var env = new Dictionary<string, string?>
        {
            ["GOROOT"] = goRoot,
            ["GOTOOLCHAIN"] = "local",
            ["GOENV"] = "off",
            ["GOWORK"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = proxy.Url,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = Path.Combine(s_work, "mod"),
            ["GOCACHE"] = Path.Combine(RepoPaths.Root, "artifacts", "tmp", "buildinfo-gocache"),
            ["GOPATH"] = Path.Combine(s_work, "gopath"),
            ["CGO_ENABLED"] = "0",
        };
        string go = Path.Combine(goRoot, "bin", "go");
        s_binary = Path.Combine(s_work, "app-bin");
        ProcessResult build = ProcessResult.Run(go, new[] { "build", "-o", s_binary, "-tags=netgo,extra", "-ldflags=-X 'main.v=a b'", "." }, app, env);
        Assert.AreEqual(0, build.ExitCode, build.Output);
        ProcessResult version = ProcessResult.Run(go, new[] { "version", "-m", s_binary }, app, env);
        Assert.AreEqual(0, version.ExitCode, version.Output);
        s_goVersionOutput = version.Output;
        ProcessResult list = ProcessResult.Run(go, GoLinkedPackages.ListArguments(".", new[] { "netgo", "extra" }, string.Empty), app, env);
        Assert.AreEqual(0, list.ExitCode, list.Output);
        s_listOutput = list.Output;
    }

    [ClassCleanup]
    public static void Delete() => FileModuleProxy.DeleteDirectory(s_work);

    [TestMethod]
    public void FromBinary_ReadsWhatGoVersionMPrints()
    {
        GoBuildInfo fromFile = GoBuildInfo.FromBinary(File.ReadAllBytes(s_binary))!;
        GoBuildInfo fromGo = GoBuildInfo.ParseVersionOutput(s_goVersionOutput.Split('\n'));

        Assert.AreEqual("go1.26.11", fromFile.GoVersion);
        Assert.AreEqual(fromGo.GoVersion, fromFile.GoVersion);
        Assert.AreEqual("example.com/app", fromFile.MainPackage);
        Assert.AreEqual("example.com/app", fromFile.Main!.Path);
        GoBuildInfoModule text = fromFile.Dependencies.Single();
        Assert.AreEqual("golang.org/x/text", text.Path);
        Assert.AreEqual("v0.3.6", text.Version);
        Assert.AreEqual(fromGo.Dependencies.Single().Sum, text.Sum);
        StringAssert.StartsWith(text.Sum, "h1:");
        CollectionAssert.AreEqual(fromGo.Settings.ToArray(), fromFile.Settings.ToArray());
        Assert.AreEqual("-X 'main.v=a b'", fromFile.Setting("-ldflags"), "a quoted setting is unquoted");
        Assert.AreEqual("netgo,extra", fromFile.Setting("-tags"));
        Assert.AreEqual("linux", fromFile.Setting("GOOS"));
    }

    [TestMethod]
    public void H1ToHex_DecodesTheGoSumHashToTheSha256Inside()
    {
        GoBuildInfoModule text = GoBuildInfo.FromBinary(File.ReadAllBytes(s_binary))!.Dependencies.Single();

        string hex = GoBuildInfo.H1ToHex(text.Sum)!;

        Assert.AreEqual(64, hex.Length);
        Assert.AreEqual(Convert.ToHexString(Convert.FromBase64String(text.Sum.Substring(3))).ToLowerInvariant(), hex);
        Assert.IsNull(GoBuildInfo.H1ToHex("h2:abc"));
    }

    [TestMethod]
    public void FromBinary_OfAFileWithoutBuildInfo_IsNull()
    {
        Assert.IsNull(GoBuildInfo.FromBinary(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0xff, 0x20, 0x47, 0x6f }));
    }

    [TestMethod]
    public void ReachableFrom_CutsTheLinkedPackagesOutOfTheRecord()
    {
        GoLinkedPackages record = Record();

        List<string> linked = record.ReachableFrom("example.com/app")!.Select(p => p.ImportPath).ToList();

        CollectionAssert.Contains(linked, "golang.org/x/text/language");
        CollectionAssert.DoesNotContain(linked, "golang.org/x/text/unicode/norm", "the module's other package is not linked");
        CollectionAssert.Contains(linked, "os");
        CollectionAssert.Contains(linked, "runtime", "runtime is linked though nothing imports it by name");
        Assert.IsTrue(record.Describes(s_binary));
        Assert.IsFalse(record.Describes(s_binary + "-other"));
    }

    [TestMethod]
    public void Audit_WithTheRealEntries_SortsFindingsIntoTiersByWhatIsLinked()
    {
        GoBuildInfo info = GoBuildInfo.FromBinary(File.ReadAllBytes(s_binary))!;
        VulnDatabase db = new VulnDbClient(VulnDbSource.Parse(VulnDbFixture.Folder, "/"), s_work).Load(VulnerabilityAudit.ModulesOf(info), CancellationToken.None);

        IReadOnlyList<AuditFinding> findings = VulnerabilityAudit.Audit(info, Record().ReachableFrom(info.MainPackage), db, new HashSet<string>());

        // language is linked: GO-2021-0113 (fixed 0.3.7) and GO-2022-1059 (fixed 0.3.8); GO-2020-0015 was fixed in 0.3.3.
        CollectionAssert.AreEqual(
            new[] { "GOB3101 GO-2021-0113 golang.org/x/text/language v0.3.7", "GOB3101 GO-2022-1059 golang.org/x/text/language v0.3.8", "GOB3102 GO-2026-5970 golang.org/x/text/unicode/norm v0.39.0" },
            findings.Select(f => $"{f.Code} {f.Entry.Id} {string.Join(",", f.Packages)} {f.FixedVersion}").ToArray());
        Assert.AreEqual("golang.org/x/text", findings[0].Module);
        Assert.AreEqual("v0.3.6", findings[0].Version);
    }

    [TestMethod]
    public void Audit_WithAnOldToolchain_ReportsTheLinkedStdPackagesAndTheToolchain_ButNotOtherPlatforms()
    {
        GoBuildInfo info = GoBuildInfo.ParseVersionOutput(s_goVersionOutput.Replace("go1.26.11", "go1.22.12").Split('\n'));
        VulnDatabase db = new VulnDbClient(VulnDbSource.Parse(VulnDbFixture.Folder, "/"), s_work).Load(VulnerabilityAudit.ModulesOf(info), CancellationToken.None);

        IReadOnlyList<AuditFinding> findings = VulnerabilityAudit.Audit(info, Record().ReachableFrom(info.MainPackage), db, new HashSet<string> { "GO-2026-4403", "CVE-2026-39822" });
        var std = findings.Where(f => f.Tier == AuditTier.StandardLibrary && f.Module == "stdlib").ToList();

        // os is linked (GO-2026-4602); net/http is not; GO-2025-3750 is Windows only.
        CollectionAssert.Contains(std.Select(f => f.Entry.Id).ToArray(), "GO-2026-4602");
        Assert.IsFalse(std.Any(f => f.Packages.Contains("net/http")), string.Join("\n", std.Select(f => f.Entry.Id + " " + string.Join(",", f.Packages))));
        Assert.IsFalse(std.Any(f => f.Entry.Id == "GO-2025-3750"));
        Assert.IsFalse(findings.Any(f => f.Entry.Id == "GO-2026-4403"), "suppressed by ID");
        Assert.IsFalse(findings.Any(f => f.Entry.Id == "GO-2026-4970"), "suppressed by its CVE alias");
        Assert.IsTrue(findings.Any(f => f.Module == "toolchain" && f.Entry.Id == "GO-2026-4867"));
        Assert.AreEqual("go1.25.8", std.Single(f => f.Entry.Id == "GO-2026-4602").FixedVersion);
    }

    [TestMethod]
    public void FromRecord_ForAnOutputWithoutBuildInfo_RebuildsItFromThePackageRecord()
    {
        // What a wasm output needs: its linker writes no build information into the file.
        GoLinkedPackages record = Record();
        var settings = new[] { new KeyValuePair<string, string>("GOOS", "linux"), new KeyValuePair<string, string>("GOARCH", "amd64") };

        GoBuildInfo info = GoBuildInfo.FromRecord("go1.26.11", "example.com/app", record.ReachableFrom("example.com/app")!, settings);

        Assert.AreEqual("example.com/app", info.Main!.Path);
        GoBuildInfoModule text = info.Dependencies.Single();
        Assert.AreEqual("golang.org/x/text", text.Path);
        Assert.AreEqual("v0.3.6", text.Version);
        VulnDatabase db = new VulnDbClient(VulnDbSource.Parse(VulnDbFixture.Folder, "/"), s_work).Load(VulnerabilityAudit.ModulesOf(info), CancellationToken.None);
        CollectionAssert.AreEqual(
            new[] { "GOB3101 GO-2021-0113", "GOB3101 GO-2022-1059", "GOB3102 GO-2026-5970" },
            VulnerabilityAudit.Audit(info, record.ReachableFrom("example.com/app"), db, new HashSet<string>()).Select(f => f.Code + " " + f.Entry.Id).ToArray());
    }

    [TestMethod]
    public void VulnCheck_OnAnUnstrippedBinary_TellsTheCalledFunctionFromTheOnlyLinked()
    {
        string govulncheck = Path.Combine(RepoPaths.Root, "artifacts", "govulncheck", "govulncheck");
        if (!File.Exists(govulncheck))
        {
            Assert.Fail($"govulncheck is missing at {govulncheck}: run eng/get-govulncheck.sh (eng/test.sh does).");
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> calls = GoVulnCheck.Run(govulncheck, new Uri(VulnDbFixture.Folder).AbsoluteUri, s_binary, s_work, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "golang.org/x/text/language.Parse" }, calls["GO-2021-0113"].ToArray());
        Assert.AreEqual(0, calls["GO-2022-1059"].Count, "linked, but MatchStrings and ParseAcceptLanguage are not in the binary");
    }

    [TestMethod]
    public void VulnCheck_Parse_ReadsTheStreamOfObjects()
    {
        const string Output = "{\n  \"config\": {\"protocol_version\": \"v1.0.0\"}\n}\n{\n  \"finding\": {\"osv\": \"GO-1\", \"trace\": [{\"module\": \"m\", \"package\": \"m/p\", \"function\": \"F\", \"receiver\": \"*T\"}]}\n}\n{\"finding\": {\"osv\": \"GO-2\", \"trace\": [{\"module\": \"m\"}]}}\n{\"progress\": {\"message\": \"a } in \\\"text\\\"\"}}";

        IReadOnlyDictionary<string, IReadOnlyList<string>> calls = GoVulnCheck.Parse(Output);

        CollectionAssert.AreEqual(new[] { "m/p.T.F" }, calls["GO-1"].ToArray());
        Assert.AreEqual(0, calls["GO-2"].Count);
    }

    private static GoLinkedPackages Record() =>
        GoLinkedPackages.Parse(GoLinkedPackages.ToRecord(s_binary, s_listOutput.Split('\n').Select(l => GoLinkedPackages.SplitLine(l.TrimEnd('\r')).RecordLine)))!;
}
