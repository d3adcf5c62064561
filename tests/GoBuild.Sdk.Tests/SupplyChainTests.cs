using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Json.Schema;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// The vulnerability audit, SBOM and provenance of real builds: modules at affected versions (real
/// module paths and package names, synthetic code) from a file:// proxy, audited against the real
/// database entries of ../shared/fixtures/vulndb, read from a folder or served from loopback.
/// </summary>
[TestClass]
public sealed class SupplyChainTests
{
    private const string Project = "app/app.csproj";
    private const string NetPseudoVersion = "v0.0.0-20190101000000-abcdefabcdef";

    [TestMethod]
    public void Build_LinkingVulnerableModules_WarnsByReachability_AndANoOpBuildReplaysTheWarningsWithoutRequestOrGo()
    {
        string name = nameof(Build_LinkingVulnerableModules_WarnsByReachability_AndANoOpBuildReplaysTheWarningsWithoutRequestOrGo);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        using LoopbackMirror mirror = ServeDatabase();
        TestProject ws = VulnerableApp(name, goRoot: go.Root, properties: $"<GoAuditSource>{mirror.BaseUri}</GoAuditSource><GoAuditCacheDir>$(MSBuildThisFileDirectory)../vulndb-cache</GoAuditCacheDir>");

        DotNetResult first = ws.Build(Project).AssertSuccess();

        string[] warnings = AuditWarnings(first);
        string language = Single(warnings, "GOB3101", "GO-2021-0113");
        StringAssert.Contains(language, "bin/Debug/app links golang.org/x/text/language of golang.org/x/text v0.3.6");
        StringAssert.Contains(language, "(fixed in v0.3.7)");
        StringAssert.Contains(language, "https://pkg.go.dev/vuln/GO-2021-0113");
        Single(warnings, "GOB3101", "GO-2022-1059");
        // The pseudo-version predates the fix of GO-2020-0014 (2019-01-25), not that of GO-2021-0078 (2018-08-16).
        StringAssert.Contains(Single(warnings, "GOB3101", "GO-2020-0014"), "golang.org/x/net/html of golang.org/x/net " + NetPseudoVersion);
        Assert.IsFalse(warnings.Any(w => w.Contains("GO-2021-0078")), string.Join("\n", warnings));
        // unicode/norm is in the module but not linked; x/text's GO-2020-0015 was fixed in v0.3.3.
        StringAssert.Contains(Single(warnings, "GOB3102", "GO-2026-5970"), "in golang.org/x/text/unicode/norm, a package the output does not link");
        Assert.IsFalse(warnings.Any(w => w.Contains("GO-2020-0015")), string.Join("\n", warnings));
        Assert.IsFalse(warnings.Any(w => w.Contains("GOB3103") || w.Contains("GOB3104")), "go1.26.11 has no known vulnerability in the fixture:\n" + string.Join("\n", warnings));
        Assert.AreEqual(1, mirror.Count("index/db.json"));

        int requests = mirror.Requests.Count;
        File.Delete(go.LogFile);
        DotNetResult noOp = ws.Build(Project, "-v:diag").AssertSuccess();

        CollectionAssert.AreEquivalent(warnings, AuditWarnings(noOp), noOp.Describe());
        Assert.AreEqual(requests, mirror.Requests.Count, "a no-op build asked the source: " + string.Join(", ", mirror.Requests.Skip(requests)));
        Assert.AreEqual(0, go.Invocations.Length, "a no-op build ran go: " + string.Join("; ", go.Invocations));
        noOp.AssertOutputContains("Skipping target \"_GoBuildSupplyChain\" because all output files are up-to-date");
        noOp.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");

        // GoVulnCheck refines GOB3101: the app calls language.Name and html.Name, no affected function.
        string govulncheck = Path.Combine(RepoPaths.Root, "artifacts", "govulncheck", "govulncheck");
        Assert.IsTrue(File.Exists(govulncheck), $"govulncheck is missing at {govulncheck}: run eng/get-govulncheck.sh (eng/test.sh does).");
        DotNetResult symbols = ws.Build(Project, "-p:GoVulnCheck=" + govulncheck).AssertSuccess();
        StringAssert.Contains(Single(AuditWarnings(symbols), "GOB3101", "GO-2021-0113"), "govulncheck: no affected function is called (the package is only linked).");
        Assert.AreEqual(0, go.Invocations.Length, "a settings change re-audits without go: " + string.Join("; ", go.Invocations));

        // As with NuGet's audit warnings, WarningsAsErrors turns the replayed ones into errors.
        DotNetResult strict = ws.Build(Project, "-p:WarningsAsErrors=GOB3101").AssertFailure();
        strict.AssertError("GOB3101", "GO-2021-0113");
    }

    [TestMethod]
    public void Build_WithAnInvalidGoAuditSource_FailsWithGOB3105BeforeRestoreOrGoRuns_AndWritesNothing()
    {
        string name = nameof(Build_WithAnInvalidGoAuditSource_FailsWithGOB3105BeforeRestoreOrGoRuns_AndWritesNothing);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = VulnerableApp(name, goRoot: go.Root);

        // Plain http to a host that is not loopback: refused before the restore downloads any module.
        DotNetResult bad = ws.Build(Project, "-p:GoAuditSource=http://vulndb.example.com/").AssertFailure();

        StringAssert.Contains(bad.AssertError("GOB3105"), "GoAuditSource is 'http://vulndb.example.com/'");
        Assert.AreEqual(0, go.Invocations.Length, "go ran before the setting was checked: " + string.Join("; ", go.Invocations));
        Assert.IsFalse(Directory.Exists(ws.PathOf("modcache")), "the restore downloaded modules before the setting was checked");
        Assert.IsFalse(Directory.Exists(ws.PathOf("app/bin")), "something was built: " + bad.Describe());
        Assert.IsFalse(Directory.Exists(ws.PathOf("app/obj/Debug/gobuild/supply")) && Directory.EnumerateFiles(ws.PathOf("app/obj/Debug/gobuild/supply"), "*.audit").Any(), "an audit record was written");

        // Every build says so again until the setting is fixed; then the build runs as usual.
        ws.Build(Project, "-p:GoAuditSource=ftp://vulndb.example.com/").AssertFailure().AssertError("GOB3105", "ftp://vulndb.example.com/");
        ws.Build(Project).AssertSuccess();
        Assert.IsTrue(File.Exists(ws.PathOf("app/bin/Debug/app")));
    }

    [TestMethod]
    public void Build_WithAnOldToolchain_WarnsGOB3103ForLinkedStdPackagesAndTheToolchain_AndSuppressedEntriesStaySilent()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithAnOldToolchain_WarnsGOB3103ForLinkedStdPackagesAndTheToolchain_AndSuppressedEntriesStaySilent),
            goRoot: RepoPaths.GoRoot("1.22.12"),
            items: "<GoAuditSuppress Include=\"GO-2026-4602\" />");

        DotNetResult result = ws.Build(Project).AssertSuccess();

        string[] warnings = AuditWarnings(result);
        StringAssert.Contains(Single(warnings, "GOB3103", "GO-2026-4970"), "bin/Debug/app was built with go1.22.12, whose standard library has the known vulnerability GO-2026-4970 in os, which the output links (fixed in go1.25.12)");
        StringAssert.Contains(Single(warnings, "GOB3103", "GO-2026-4867"), "whose toolchain has the known vulnerability GO-2026-4867 in cmd/compile");
        Assert.IsFalse(warnings.Any(w => w.Contains("GO-2026-4602")), "suppressed:\n" + string.Join("\n", warnings));
        Assert.IsFalse(warnings.Any(w => w.Contains(" in net/http,")), "net/http is not linked:\n" + string.Join("\n", warnings));
        Assert.IsFalse(warnings.Any(w => w.Contains("GO-2025-3750")), "a Windows-only entry in a Linux build:\n" + string.Join("\n", warnings));
    }

    [TestMethod]
    public void Build_AfterAnEditThatLinksTheSame_KeepsTheFindingsWithoutReadingTheData_AndNewDataIsReadAgain()
    {
        string name = nameof(Build_AfterAnEditThatLinksTheSame_KeepsTheFindingsWithoutReadingTheData_AndNewDataIsReadAgain);
        TestProject ws = TestProject.CreateHello(name, goRoot: RepoPaths.GoRoot("1.22.12"), properties: "<GoAuditSource>$(MSBuildThisFileDirectory)../vulndb</GoAuditSource>");
        string data = ws.PathOf("vulndb");
        VulnDbFixture.CopyTo(data);

        string[] findings = AuditWarnings(ws.Build(Project).AssertSuccess());
        Single(findings, "GOB3103", "GO-2026-4970");

        // The entries go and the index stays: an audit that read the data now would warn GOB3104.
        foreach (string entry in Directory.GetFiles(Path.Combine(data, "ID")))
        {
            File.Delete(entry);
        }

        ws.WriteFile("app/main.go", File.ReadAllText(ws.PathOf("app/main.go")).Replace("app %s", "app: %s"));
        DotNetResult edited = ws.Build(Project, "-v:d").AssertSuccess();
        edited.AssertOutputContains("Task \"GoSupplyChain\"");
        edited.AssertOutputContains("the recorded findings stand, and the database is not read");
        CollectionAssert.AreEquivalent(findings, AuditWarnings(edited), edited.Describe());
        StringAssert.Contains(File.ReadAllText(ws.PathOf("app/bin/Debug/app.cdx.json")), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ws.PathOf("app/bin/Debug/app")))).ToLowerInvariant(), "the SBOM describes the new binary");

        // New data (its index files change, as every update of the database changes them): read again.
        DateTime later = DateTime.UtcNow.AddMinutes(1);
        File.SetLastWriteTimeUtc(Path.Combine(data, "index", "db.json"), later);
        File.SetLastWriteTimeUtc(Path.Combine(data, "index", "modules.json"), later);
        DotNetResult updated = ws.Build(Project).AssertSuccess();
        StringAssert.Contains(Single(AuditWarnings(updated), "GOB3104", "GO-2026-4970"), "GO-2026-4970.json");
    }

    [TestMethod]
    public void Build_WhenTheDataCannotBeFetched_WarnsGOB3104EvenWithTreatWarningsAsErrors_AndANoOpBuildReplaysItWithoutTaskOrRequest()
    {
        using LoopbackMirror mirror = ServeDatabase();
        mirror.Fail("index/db.json", MirrorFault.ServerError);
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WhenTheDataCannotBeFetched_WarnsGOB3104EvenWithTreatWarningsAsErrors_AndANoOpBuildReplaysItWithoutTaskOrRequest),
            properties: $"<GoAuditSource>{mirror.BaseUri}</GoAuditSource><GoAuditCacheDir>$(MSBuildThisFileDirectory)../vulndb-cache</GoAuditCacheDir><TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        DotNetResult offline = ws.Build(Project).AssertSuccess();

        string warning = Single(AuditWarnings(offline), "GOB3104", mirror.BaseUri.AbsoluteUri);
        StringAssert.Contains(warning, "HTTP 500");
        StringAssert.Contains(warning, "not audited");
        StringAssert.Contains(warning, "asked once a day");

        // The failed ask is the day's check: a no-op build runs no task, asks nothing, and still warns.
        int requests = mirror.Requests.Count;
        DotNetResult noOp = ws.Build(Project, "-v:diag").AssertSuccess();
        CollectionAssert.AreEquivalent(AuditWarnings(offline), AuditWarnings(noOp), noOp.Describe());
        Assert.AreEqual(requests, mirror.Requests.Count, "a no-op build asked the source: " + string.Join(", ", mirror.Requests.Skip(requests)));
        noOp.AssertOutputContains("Skipping target \"_GoBuildSupplyChain\" because all output files are up-to-date");
        noOp.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");

        // A changed output is audited again, still without asking within the day.
        ws.WriteFile("app/main.go", File.ReadAllText(ws.PathOf("app/main.go")).Replace("app %s", "app: %s"));
        DotNetResult rebuilt = ws.Build(Project).AssertSuccess();
        Single(AuditWarnings(rebuilt), "GOB3104", "HTTP 500");
        Assert.AreEqual(requests, mirror.Requests.Count, string.Join(", ", mirror.Requests.Skip(requests)));

        // Deleting the cache (as the warning says) asks at once; the source answers now.
        Directory.Delete(ws.PathOf("vulndb-cache"), recursive: true);
        DotNetResult next = ws.Build(Project).AssertSuccess();
        Assert.AreEqual(2, mirror.Count("index/db.json"));
        Assert.AreEqual(0, AuditWarnings(next).Length, next.Describe());
    }

    [TestMethod]
    public void TwoBuildsAtOnce_FetchTheDataOnce()
    {
        string name = nameof(TwoBuildsAtOnce_FetchTheDataOnce);
        using LoopbackMirror mirror = ServeDatabase();
        string cache = Path.Combine(E2E.RunRoot, name, "vulndb-cache");
        string properties = $"<GoAuditSource>{mirror.BaseUri}</GoAuditSource><GoAuditCacheDir>{SecurityElement.Escape(cache)}</GoAuditCacheDir>";
        TestProject a = VulnerableApp(name, folderName: "a", properties: properties);
        TestProject b = VulnerableApp(name, folderName: "b", properties: properties);

        DotNetResult[] results = Task.WhenAll(Task.Run(() => a.Build(Project)), Task.Run(() => b.Build(Project))).GetAwaiter().GetResult();

        foreach (DotNetResult result in results)
        {
            result.AssertSuccess();
            Single(AuditWarnings(result), "GOB3101", "GO-2021-0113");
        }

        Assert.AreEqual(1, mirror.Count("index/db.json"), string.Join(", ", mirror.Requests));
        Assert.AreEqual(1, mirror.Count("index/modules.json"));
        Assert.AreEqual(1, mirror.Count("ID/GO-2021-0113.json"));
    }

    [TestMethod]
    public void Sbom_IsValidCycloneDx16_AndWithProvenanceByteIdenticalFromTwoFolders_AndCleanDeletesThem()
    {
        string name = nameof(Sbom_IsValidCycloneDx16_AndWithProvenanceByteIdenticalFromTwoFolders_AndCleanDeletesThem);
        TestProject a = VulnerableApp(name, folderName: "first");
        TestProject b = VulnerableApp(name, folderName: "second place");

        a.Build(Project, "-c", "Release").AssertSuccess();
        b.Build(Project, "-c", "Release").AssertSuccess();

        const string Output = "app/bin/Release/app";
        byte[] binary = File.ReadAllBytes(a.PathOf(Output));
        CollectionAssert.AreEqual(binary, File.ReadAllBytes(b.PathOf(Output)), "the build itself is reproducible");
        CollectionAssert.AreEqual(File.ReadAllBytes(a.PathOf(Output + ".cdx.json")), File.ReadAllBytes(b.PathOf(Output + ".cdx.json")), "SBOMs differ between folders");
        CollectionAssert.AreEqual(File.ReadAllBytes(a.PathOf(Output + ".intoto.json")), File.ReadAllBytes(b.PathOf(Output + ".intoto.json")), "provenance differs between folders");

        string sbomText = File.ReadAllText(a.PathOf(Output + ".cdx.json"));
        ValidateCycloneDx(sbomText);
        using JsonDocument sbom = JsonDocument.Parse(sbomText);
        JsonElement root = sbom.RootElement;
        string sha256 = Convert.ToHexString(SHA256.HashData(binary)).ToLowerInvariant();
        Assert.AreEqual(sha256, root.GetProperty("metadata").GetProperty("component").GetProperty("hashes")[0].GetProperty("content").GetString());
        var components = root.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
        JsonElement text = components["pkg:golang/golang.org/x/text@v0.3.6"];
        Assert.AreEqual("library", text.GetProperty("type").GetString());
        SyntheticModuleProxy proxy = Proxy(Path.Combine(E2E.RunRoot, name, "proxy-check"));
        string h1 = proxy.ContentHash("golang.org/x/text", "v0.3.6");
        Assert.AreEqual(Convert.ToHexString(Convert.FromBase64String(h1.Substring(3))).ToLowerInvariant(), text.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.IsTrue(components.ContainsKey("pkg:golang/golang.org/x/net@" + NetPseudoVersion));
        Assert.AreEqual("go1.26.11", components["pkg:golang/stdlib@v1.26.11"].GetProperty("version").GetString());
        var dependsOn = root.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!,
            d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToArray());
        CollectionAssert.AreEquivalent(
            new[] { "pkg:golang/golang.org/x/net@" + NetPseudoVersion, "pkg:golang/golang.org/x/text@v0.3.6", "pkg:golang/stdlib@v1.26.11" },
            dependsOn["pkg:golang/example.com/app"]);
        var properties = root.GetProperty("metadata").GetProperty("component").GetProperty("properties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        Assert.AreEqual("true", properties["gobuild:build:-trimpath"]);
        Assert.AreEqual("linux", properties["gobuild:build:GOOS"]);
        Assert.AreEqual("0", properties["gobuild:build:CGO_ENABLED"]);

        using JsonDocument provenance = JsonDocument.Parse(File.ReadAllBytes(a.PathOf(Output + ".intoto.json")));
        JsonElement statement = provenance.RootElement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", statement.GetProperty("_type").GetString());
        Assert.AreEqual(sha256, statement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual(E2E.SdkVersion, statement.GetProperty("predicate").GetProperty("runDetails").GetProperty("builder").GetProperty("version").GetProperty("GoBuild.Sdk").GetString());
        string[] dependencies = statement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies").EnumerateArray().Select(d => d.GetProperty("uri").GetString()!).ToArray();
        CollectionAssert.AreEqual(new[] { "pkg:golang/toolchain@v1.26.11", "pkg:golang/golang.org/x/net@" + NetPseudoVersion, "pkg:golang/golang.org/x/text@v0.3.6" }, dependencies);

        // The netstandard2.0 task build (Visual Studio's MSBuild) writes the same bytes.
        byte[] sbomBytes = File.ReadAllBytes(a.PathOf(Output + ".cdx.json"));
        byte[] provenanceBytes = File.ReadAllBytes(a.PathOf(Output + ".intoto.json"));
        File.Delete(a.PathOf(Output + ".cdx.json"));
        File.Delete(a.PathOf(Output + ".intoto.json"));
        a.Build(Project, "-c", "Release", "-p:_GoBuildTasksFramework=netstandard2.0").AssertSuccess();
        CollectionAssert.AreEqual(sbomBytes, File.ReadAllBytes(a.PathOf(Output + ".cdx.json")), "the netstandard2.0 tasks wrote another SBOM");
        CollectionAssert.AreEqual(provenanceBytes, File.ReadAllBytes(a.PathOf(Output + ".intoto.json")), "the netstandard2.0 tasks wrote another provenance");

        a.DotNet("clean", Project, "-c", "Release").AssertSuccess();
        Assert.IsFalse(File.Exists(a.PathOf(Output + ".cdx.json")), "clean left the SBOM");
        Assert.IsFalse(File.Exists(a.PathOf(Output + ".intoto.json")), "clean left the provenance");
    }

    /// <summary>Validates <paramref name="json"/> against the official CycloneDX 1.6 JSON schema (with the SPDX and JSF schemas it references).</summary>
    internal static void ValidateCycloneDx(string json)
    {
        string folder = Path.Combine(RepoPaths.Root, "artifacts", "cyclonedx-schema");
        if (!File.Exists(Path.Combine(folder, "bom-1.6.SNAPSHOT.schema.json")))
        {
            Assert.Fail($"The CycloneDX schema is missing in {folder}: run eng/get-cyclonedx-schema.sh (eng/test.sh does).");
        }

        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach ((string file, string uri) in new[] { ("spdx.SNAPSHOT.schema.json", "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json"), ("jsf-0.82.SNAPSHOT.schema.json", "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json") })
        {
            // The bom schema names them by their file names, which differ from their own $id.
            build.SchemaRegistry.Register(new Uri(uri), JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, file)), build, new Uri(uri)));
        }

        JsonSchema bom = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "bom-1.6.SNAPSHOT.schema.json")), build);
        using JsonDocument document = JsonDocument.Parse(json);
        EvaluationResults results = bom.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        string errors = string.Join("\n", (results.Details ?? new List<EvaluationResults>()).Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
        Assert.IsTrue(results.IsValid, "The SBOM is not valid CycloneDX 1.6:\n" + errors);
    }

    private static LoopbackMirror ServeDatabase()
    {
        LoopbackMirror mirror = LoopbackMirror.Start(null);
        mirror.UseETags = true;
        VulnDbFixture.Serve(mirror);
        return mirror;
    }

    private static SyntheticModuleProxy Proxy(string directory) => SyntheticModuleProxy.Create(
        directory,
        SyntheticModule.WithPackages("golang.org/x/text", "v0.3.6", "language", "unicode/norm"),
        SyntheticModule.WithPackages("golang.org/x/net", NetPseudoVersion, "html", "http2"));

    // example.com/app links golang.org/x/text/language and golang.org/x/net/html (not x/text/unicode/norm, not x/net/http2).
    private static TestProject VulnerableApp(string testName, string folderName = "ws", string? goRoot = null, string properties = "")
    {
        TestProject ws = TestProject.Create(testName, folderName);
        SyntheticModuleProxy proxy = Proxy(ws.PathOf("proxy"));
        ws.WriteFile("app/go.mod", $"module example.com/app\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/net {NetPseudoVersion}\n\tgolang.org/x/text v0.3.6\n)\n");
        ws.WriteFile("app/go.sum", proxy.GoSumLines());
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"golang.org/x/net/html\"\n\t\"golang.org/x/text/language\"\n)\n\nfunc main() { fmt.Println(language.Name(), html.Name()) }\n");
        ws.WriteGoProject(Project, goRoot, properties: $"""
            <GoModuleProxy>{SecurityElement.Escape(proxy.Url)}</GoModuleProxy>
            <GoPrivateModules>golang.org/x</GoPrivateModules>
            <GoModuleCacheDir>$(MSBuildThisFileDirectory)../modcache</GoModuleCacheDir>
            {properties}
            """, items: """<GoEnvironment Include="GONOPROXY" Value="none" />""");
        return ws;
    }

    private static string[] AuditWarnings(DotNetResult result) => Regex.Matches(result.Output, @"warning (GOB310[1-4]): (.*?)(?: \[[^\]]*\])?\s*$", RegexOptions.Multiline)
        .Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value.Trim())
        .Distinct()
        .ToArray();

    private static string Single(IEnumerable<string> warnings, string code, string contains)
    {
        string[] matching = warnings.Where(w => w.StartsWith(code + ":", StringComparison.Ordinal) && w.Contains(contains)).ToArray();
        Assert.AreEqual(1, matching.Length, $"expected one {code} naming {contains} among:\n" + string.Join("\n", warnings));
        return matching[0];
    }
}
