using System.Collections.Generic;
using GoBuild.Tasks.Go;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

/// <summary>Which module settings reach go: only restore may use the network.</summary>
[TestClass]
public sealed class ModuleEnvironmentTests
{
    [TestMethod]
    public void CreateEnvironment_ForABuild_GivesGoProxyOffAndReadonly()
    {
        Dictionary<string, string> env = new Probe { ModMode = "readonly", ModuleProxy = "https://proxy.example" }.Environment();

        Assert.AreEqual("off", env["GOPROXY"]);
        Assert.AreEqual("-mod=readonly", env["GOFLAGS"]);
    }

    [TestMethod]
    public void CreateEnvironment_ForRestore_GivesGoModuleProxyAndChecksumSettings()
    {
        Dictionary<string, string> env = new Probe
        {
            AllowModuleDownload = true,
            ModMode = "readonly",
            ModuleProxy = "https://proxy.example",
            ChecksumDatabase = "sum.example",
            PrivateModules = "example.test/*",
        }.Environment();

        Assert.AreEqual("https://proxy.example", env["GOPROXY"]);
        Assert.AreEqual("sum.example", env["GOSUMDB"]);
        Assert.AreEqual("example.test/*", env["GOPRIVATE"]);
    }

    [TestMethod]
    public void CreateEnvironment_ForRestoreWithoutGoModuleProxy_LeavesGoItsDefault()
    {
        Dictionary<string, string> env = new Probe { AllowModuleDownload = true }.Environment();

        Assert.IsFalse(env.ContainsKey("GOPROXY"));
    }

    [TestMethod]
    public void CreateEnvironment_InModMode_LetsTheBuildUseTheProxy()
    {
        Dictionary<string, string> env = new Probe { ModMode = "MOD", ModuleProxy = "https://proxy.example" }.Environment();

        Assert.AreEqual("https://proxy.example", env["GOPROXY"]);
        Assert.AreEqual("-mod=mod", env["GOFLAGS"]);
    }

    [TestMethod]
    public void CreateEnvironment_WithUnknownModMode_ThrowsGOB3001()
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => new Probe { ModMode = "vendored" }.Environment());

        StringAssert.StartsWith(ex.Message, "GOB3001:");
    }

    private sealed class Probe : GoTaskBase
    {
        public Dictionary<string, string> Environment() =>
            CreateEnvironment(global::GoBuild.Tasks.Toolchain.GoToolchain.Open(RepoPaths.GoRoot("1.26.11")), new GoCacheLocations(System.IO.Path.GetTempPath()));

        protected override void ExecuteCore()
        {
        }
    }
}
