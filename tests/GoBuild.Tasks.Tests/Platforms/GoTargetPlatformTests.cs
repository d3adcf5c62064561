using System.Collections.Generic;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

[TestClass]
public sealed class GoTargetPlatformTests
{
    private static readonly Dictionary<string, string> s_base = new() { ["GOROOT"] = "/go", ["CGO_ENABLED"] = "0", ["GOAMD64"] = "v2" };

    [TestMethod]
    public void CreateEnvironment_SetsPlatformVariables_WithoutChangingTheBase()
    {
        var target = new GoTargetPlatform { GoOS = "linux", GoArch = "arm", GoArm = "7" };

        Dictionary<string, string> env = target.CreateEnvironment(s_base, cgo: false);

        Assert.AreEqual("linux", env["GOOS"]);
        Assert.AreEqual("arm", env["GOARCH"]);
        Assert.AreEqual("7", env["GOARM"]);
        Assert.AreEqual("0", env["CGO_ENABLED"]);
        Assert.AreEqual("/go", env["GOROOT"]);
        Assert.IsFalse(env.ContainsKey("CC"));
        Assert.IsFalse(s_base.ContainsKey("GOOS"));
    }

    [TestMethod]
    public void CreateEnvironment_WithoutVariant_KeepsOneFromGoEnvironment()
    {
        Dictionary<string, string> env = new GoTargetPlatform { GoOS = "linux", GoArch = "amd64" }.CreateEnvironment(s_base, cgo: false);

        Assert.AreEqual("v2", env["GOAMD64"]);
    }

    [TestMethod]
    public void CreateEnvironment_Cgo_SetsCCOnlyWhenCgoIsOn()
    {
        var target = new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", CCompiler = "aarch64-linux-gnu-gcc" };

        Dictionary<string, string> on = target.CreateEnvironment(s_base, cgo: true);
        Dictionary<string, string> off = target.CreateEnvironment(s_base, cgo: false);

        Assert.AreEqual("1", on["CGO_ENABLED"]);
        Assert.AreEqual("aarch64-linux-gnu-gcc", on["CC"]);
        Assert.IsFalse(off.ContainsKey("CC"));
    }

    [TestMethod]
    public void IsCgoEnabled_DefaultsByBuildMode_AndFollowsTheSetting()
    {
        Assert.IsFalse(new GoTargetPlatform().IsCgoEnabled("exe"));
        Assert.IsTrue(new GoTargetPlatform().IsCgoEnabled("c-shared"));
        Assert.IsTrue(new GoTargetPlatform { CgoEnabled = "true" }.IsCgoEnabled("exe"));
        Assert.IsFalse(new GoTargetPlatform { CgoEnabled = "false" }.IsCgoEnabled("c-archive"));
    }
}
