using System.Collections.Generic;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

/// <summary>Which module settings reach go (GoEnvironment.Decide, the build decision's environment): only restore may use the network.</summary>
[TestClass]
public sealed class ModuleEnvironmentTests
{
    private static Dictionary<string, string> Decide(GoEnvironmentSettings settings, bool allowModuleDownload = false) =>
        GoEnvironment.Decide(settings, new GoCacheLocations(System.IO.Path.GetTempPath()), allowModuleDownload).Set;

    [TestMethod]
    public void Decide_ForABuild_GivesGoProxyOffAndReadonly()
    {
        Dictionary<string, string> env = Decide(new GoEnvironmentSettings { ModMode = "readonly", ModuleProxy = "https://proxy.example" });

        Assert.AreEqual("off", env["GOPROXY"]);
        Assert.AreEqual("-mod=readonly", env["GOFLAGS"]);
    }

    [TestMethod]
    public void Decide_ForRestore_GivesGoModuleProxyAndChecksumSettings()
    {
        Dictionary<string, string> env = Decide(
            new GoEnvironmentSettings
            {
                ModMode = "readonly",
                ModuleProxy = "https://proxy.example",
                ChecksumDatabase = "sum.example",
                PrivateModules = "example.test/*",
            },
            allowModuleDownload: true);

        Assert.AreEqual("https://proxy.example", env["GOPROXY"]);
        Assert.AreEqual("sum.example", env["GOSUMDB"]);
        Assert.AreEqual("example.test/*", env["GOPRIVATE"]);
    }

    [TestMethod]
    public void Decide_ForRestoreWithoutGoModuleProxy_LeavesGoItsDefault()
    {
        Dictionary<string, string> env = Decide(new GoEnvironmentSettings(), allowModuleDownload: true);

        Assert.IsFalse(env.ContainsKey("GOPROXY"));
    }

    [TestMethod]
    public void Decide_InModMode_LetsTheBuildUseTheProxy()
    {
        Dictionary<string, string> env = Decide(new GoEnvironmentSettings { ModMode = "MOD", ModuleProxy = "https://proxy.example" });

        Assert.AreEqual("https://proxy.example", env["GOPROXY"]);
        Assert.AreEqual("-mod=mod", env["GOFLAGS"]);
    }

    [TestMethod]
    public void Decide_WithUnknownModMode_ThrowsGOB3001()
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => Decide(new GoEnvironmentSettings { ModMode = "vendored" }));

        StringAssert.StartsWith(ex.Message, "GOB3001:");
    }

    [TestMethod]
    [DataRow("GOOS", "GoTargetPlatform")]
    [DataRow("CGO_ENABLED", "GoCgoEnabled")]
    [DataRow("GOFLAGS", "GoModMode")]
    [DataRow("GOPROXY", "GoModuleProxy")]
    [DataRow("goroot", "GoToolchainRoot")]
    public void Decide_WithGoEnvironmentItemForADecidedVariable_ThrowsGOB2008NamingTheControllingProperty(string name, string property)
    {
        var settings = new GoEnvironmentSettings { Items = new[] { new KeyValuePair<string, string>(name, "x") } };

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => Decide(settings));

        StringAssert.StartsWith(ex.Message, "GOB2008:");
        StringAssert.Contains(ex.Message, name);
        StringAssert.Contains(ex.Message, property);
    }

    [TestMethod]
    public void Decide_WithGoEnvironmentItemThatIsNoName_ThrowsGOB2012()
    {
        var settings = new GoEnvironmentSettings { Items = new[] { new KeyValuePair<string, string>("A B", "x") } };

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => Decide(settings));

        StringAssert.StartsWith(ex.Message, "GOB2012:");
    }

    [TestMethod]
    public void Decide_PassesNamesNotValues_AndAnItemWinsOverTheAmbientName()
    {
        var settings = new GoEnvironmentSettings
        {
            PassEnvironment = "AWS_SECRET_ACCESS_KEY",
            Items = new[] { new KeyValuePair<string, string>("HTTP_PROXY", "http://proxy.example") },
        };

        (Dictionary<string, string> set, List<string> pass) = GoEnvironment.Decide(settings, new GoCacheLocations(System.IO.Path.GetTempPath()), false);

        CollectionAssert.Contains(pass, "AWS_SECRET_ACCESS_KEY");
        CollectionAssert.DoesNotContain(pass, "HTTP_PROXY");
        Assert.AreEqual("http://proxy.example", set["HTTP_PROXY"]);
        Assert.IsFalse(set.ContainsKey("AWS_SECRET_ACCESS_KEY"));
    }
}
