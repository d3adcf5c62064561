using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using GoBuild.Tasks.SupplyChain;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.SupplyChain;

[TestClass]
public sealed class DocumentWriterTests
{
    private const string VersionOutput = "app: go1.26.11\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n" +
        "\tdep\tgolang.org/x/net\tv0.0.0-20190101000000-abcdefabcdef\th1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n" +
        "\tdep\tgolang.org/x/text\tv0.3.6\n\t=>\texample.com/fork/text\tv0.3.9\th1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
        "\tbuild\t-buildmode=exe\n\tbuild\t-ldflags=\"-s -w\"\n\tbuild\t-tags=a,b\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=arm64\n\tbuild\tGOOS=linux\n";

    [TestMethod]
    public void CanonicalJson_EscapesOnlyWhatJsonRequires_AndKeepsOrder()
    {
        byte[] bytes = CanonicalJson.Serialize(new JsonObject().Add("b", "é \"q\" \\ \n\u0001").Add("a", new[] { 1, 2 }).Add("skipped", null).Add("e", new List<string>()));

        Assert.AreEqual("{\n  \"b\": \"é \\\"q\\\" \\\\ \\n\\u0001\",\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": []\n}\n", Encoding.UTF8.GetString(bytes));
        Assert.AreNotEqual(0xEF, bytes[0], "no BOM");
        using JsonDocument parsed = JsonDocument.Parse(bytes);
        Assert.AreEqual("é \"q\" \\ \n\u0001", parsed.RootElement.GetProperty("b").GetString());
    }

    [TestMethod]
    public void Sbom_ListsModulesWithPurlAndGoSumDigest_ReplacementsResolved_AndIsStable()
    {
        BuiltOutput output = Output();

        byte[] first = CycloneDxWriter.Write(output);
        byte[] second = CycloneDxWriter.Write(Output());

        CollectionAssert.AreEqual(first, second);
        using JsonDocument doc = JsonDocument.Parse(first);
        JsonElement root = doc.RootElement;
        Assert.AreEqual("1.6", root.GetProperty("specVersion").GetString());
        StringAssert.Matches(root.GetProperty("serialNumber").GetString(), new System.Text.RegularExpressions.Regex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        var components = root.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
        JsonElement net = components["pkg:golang/golang.org/x/net@v0.0.0-20190101000000-abcdefabcdef"];
        Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", net.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.IsTrue(components.ContainsKey("pkg:golang/example.com/fork/text@v0.3.9"), "the replacement is what was compiled in");
        Assert.AreEqual("go1.26.11", components["pkg:golang/stdlib@v1.26.11"].GetProperty("version").GetString());
        var properties = root.GetProperty("metadata").GetProperty("component").GetProperty("properties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        Assert.AreEqual("-s -w", properties["gobuild:build:-ldflags"]);
        Assert.AreEqual("arm64", properties["gobuild:build:GOARCH"]);
    }

    [TestMethod]
    public void Sbom_SerialNumber_ChangesWithTheContent()
    {
        string Serial(BuiltOutput o)
        {
            using JsonDocument doc = JsonDocument.Parse(CycloneDxWriter.Write(o));
            return doc.RootElement.GetProperty("serialNumber").GetString()!;
        }

        Assert.AreNotEqual(Serial(Output()), Serial(Output(sha256: new string('b', 64))));
    }

    [TestMethod]
    public void Provenance_IsAnInTotoStatementWithSlsaPredicate()
    {
        byte[] bytes = ProvenanceWriter.Write(Output(toolchain: new BuiltToolchain("go1.26.11.linux-amd64.tar.gz", new string('c', 64))));

        using JsonDocument doc = JsonDocument.Parse(bytes);
        JsonElement root = doc.RootElement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", root.GetProperty("_type").GetString());
        Assert.AreEqual("https://slsa.dev/provenance/v1", root.GetProperty("predicateType").GetString());
        Assert.AreEqual(new string('a', 64), root.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
        JsonElement definition = root.GetProperty("predicate").GetProperty("buildDefinition");
        JsonElement external = definition.GetProperty("externalParameters");
        Assert.AreEqual("example.com/app/cmd/app", external.GetProperty("package").GetString());
        Assert.AreEqual("arm64", external.GetProperty("goarch").GetString());
        Assert.AreEqual("b", external.GetProperty("tags")[1].GetString());
        Assert.AreEqual("-s -w", external.GetProperty("ldflags").GetString());
        JsonElement[] deps = definition.GetProperty("resolvedDependencies").EnumerateArray().ToArray();
        Assert.AreEqual("go1.26.11.linux-amd64.tar.gz", deps[0].GetProperty("name").GetString());
        Assert.AreEqual(new string('c', 64), deps[0].GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", deps.Single(d => d.GetProperty("name").GetString() == "golang.org/x/net").GetProperty("digest").GetProperty("dirHash").GetString());
        Assert.AreEqual("0.1.0-test", root.GetProperty("predicate").GetProperty("runDetails").GetProperty("builder").GetProperty("version").GetProperty("GoBuild.Sdk").GetString());
        CollectionAssert.AreEqual(bytes, ProvenanceWriter.Write(Output(toolchain: new BuiltToolchain("go1.26.11.linux-amd64.tar.gz", new string('c', 64)))));
    }

    private static BuiltOutput Output(string? sha256 = null, BuiltToolchain? toolchain = null) => new(
        "app",
        sha256 ?? new string('a', 64),
        "exe",
        GoBuildInfo.ParseVersionOutput(VersionOutput.Split('\n')),
        linked: null,
        "0.1.0-test",
        toolchain,
        (_, _) => null);
}
