using System;
using System.IO;
using System.Linq;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.SupplyChain;

[TestClass]
public sealed class OsvMatchingTests
{
    [TestMethod]
    [DataRow("1.2.3", "1.2.4")]
    [DataRow("1.2.3-rc.1", "1.2.3")]
    [DataRow("1.19.0-0", "1.19.0-beta.1")]
    [DataRow("1.21.0-beta.1", "1.21.0-rc.1")]
    [DataRow("1.21.0-rc.2", "1.21.0-rc.10")]
    [DataRow("0.0.0-20180816102801-aaf60122140d", "0.0.0-20190125091013-d26f9f9a57f3")]
    [DataRow("0.1.1-0.20221104162952-702349b0e862", "0.1.1")]
    [DataRow("0.1.0", "0.1.1-0.20221104162952-702349b0e862")]
    [DataRow("1.9.9", "1.10.0")]
    public void Compare_OrdersBySemverPrecedence(string lower, string higher)
    {
        Assert.IsTrue(OsvVersion.TryParse(lower)!.CompareTo(OsvVersion.TryParse(higher)) < 0, $"{lower} < {higher}");
        Assert.IsTrue(OsvVersion.TryParse(higher)!.CompareTo(OsvVersion.TryParse(lower)) > 0, $"{higher} > {lower}");
    }

    [TestMethod]
    public void FromModuleVersion_DropsTheVAndIgnoresIncompatible()
    {
        Assert.AreEqual(0, OsvVersion.FromModuleVersion("v2.0.0+incompatible")!.CompareTo(OsvVersion.TryParse("2.0.0")));
        Assert.IsNull(OsvVersion.FromModuleVersion("(devel)"));
        Assert.IsNull(OsvVersion.FromModuleVersion(string.Empty));
    }

    [TestMethod]
    [DataRow("go1.22.12", "1.22.12")]
    [DataRow("go1.20", "1.20.0")]
    [DataRow("go1.21rc2", "1.21.0-rc.2")]
    [DataRow("go1.19beta1", "1.19.0-beta.1")]
    [DataRow("go1.26.11 X:boringcrypto", "1.26.11")]
    public void FromGoVersion_UsesTheDatabasesNumbering(string go, string expected)
    {
        Assert.AreEqual(0, OsvVersion.FromGoVersion(go)!.CompareTo(OsvVersion.TryParse(expected)), go);
    }

    [TestMethod]
    public void Affects_RealStdlibEntryWithTwoBranches_FollowsIntroducedAndFixed()
    {
        // GO-2022-1037: introduced 0, fixed 1.18.7, introduced 1.19.0-0, fixed 1.19.2.
        OsvAffected stdlib = Fixture("GO-2022-1037").Affected.Single();

        Assert.IsTrue(stdlib.Affects(OsvVersion.FromGoVersion("go1.18.6")!));
        Assert.IsFalse(stdlib.Affects(OsvVersion.FromGoVersion("go1.18.7")!));
        Assert.IsTrue(stdlib.Affects(OsvVersion.FromGoVersion("go1.19rc1")!), "a prerelease of 1.19 is after 1.19.0-0");
        Assert.IsTrue(stdlib.Affects(OsvVersion.FromGoVersion("go1.19.1")!));
        Assert.IsFalse(stdlib.Affects(OsvVersion.FromGoVersion("go1.19.2")!));
        Assert.IsFalse(stdlib.Affects(OsvVersion.FromGoVersion("go1.26.11")!));
        Assert.AreEqual("1.19.2", stdlib.FixedAfter(OsvVersion.FromGoVersion("go1.19.1")!)!.Text);
    }

    [TestMethod]
    public void Affects_RealEntryFixedAtAPseudoVersion_ComparesPseudoVersionsByTime()
    {
        // GO-2020-0014: golang.org/x/net fixed at 0.0.0-20190125091013-d26f9f9a57f3.
        OsvAffected net = Fixture("GO-2020-0014").Affected.Single();

        Assert.IsTrue(net.Affects(OsvVersion.FromModuleVersion("v0.0.0-20190101000000-abcdefabcdef")!));
        Assert.IsFalse(net.Affects(OsvVersion.FromModuleVersion("v0.0.0-20190125091013-d26f9f9a57f3")!));
        Assert.IsFalse(net.Affects(OsvVersion.FromModuleVersion("v0.1.0")!));
    }

    [TestMethod]
    public void Affects_RealEntryIntroducedAtAPseudoVersion_SparesEarlierVersions()
    {
        // GO-2023-1495: x/net introduced 0.0.0-20220524220425-1d687d428aca, fixed 0.1.1-0.20221104162952-702349b0e862.
        OsvAffected h2c = Fixture("GO-2023-1495").Affected.Single(a => a.Module == "golang.org/x/net");

        Assert.IsFalse(h2c.Affects(OsvVersion.FromModuleVersion("v0.0.0-20220101000000-000000000000")!));
        Assert.IsTrue(h2c.Affects(OsvVersion.FromModuleVersion("v0.1.0")!));
        Assert.IsFalse(h2c.Affects(OsvVersion.FromModuleVersion("v0.1.1")!));
    }

    [TestMethod]
    public void Affects_LastAffected_IncludesThatVersionOnly()
    {
        OsvEntry entry = OsvEntry.Parse("""
            {"id":"GO-0000-0001","summary":"s","affected":[{"package":{"name":"example.com/m","ecosystem":"Go"},
             "ranges":[{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"last_affected":"1.2.0"}]}]}]}
            """);
        OsvAffected affected = entry.Affected.Single();

        Assert.IsFalse(affected.Affects(OsvVersion.TryParse("0.9.0")!));
        Assert.IsTrue(affected.Affects(OsvVersion.TryParse("1.2.0")!));
        Assert.IsFalse(affected.Affects(OsvVersion.TryParse("1.2.1-pre")!));
        Assert.IsNull(affected.FixedAfter(OsvVersion.TryParse("1.1.0")!));
    }

    [TestMethod]
    public void Parse_ReadsPlatformLimitsOfAffectedPackages()
    {
        // GO-2025-3750: syscall and os, Windows only.
        OsvEntry entry = Fixture("GO-2025-3750");

        OsvPackage os = entry.Affected.Single().Packages.Single(p => p.Path == "os");
        Assert.IsTrue(os.AppliesTo("windows", "amd64"));
        Assert.IsFalse(os.AppliesTo("linux", "amd64"));
    }

    [TestMethod]
    public void Parse_WithBadJson_ThrowsFormatException()
    {
        Assert.ThrowsExactly<FormatException>(() => OsvEntry.Parse("{\"id\": [1, 2"));
        Assert.ThrowsExactly<FormatException>(() => OsvEntry.Parse("{\"summary\": \"no id\"}"));
    }

    internal static OsvEntry Fixture(string id) => OsvEntry.Parse(File.ReadAllBytes(Path.Combine(VulnDbFixture.Folder, "ID", id + ".json")));
}
