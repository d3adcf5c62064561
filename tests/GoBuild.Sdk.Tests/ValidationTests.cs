using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// Every value is checked by the build decision (CrossCompile), before the toolchain step, restore
/// or any go runs: one project per row, with a go on GoToolchainRoot that records every start.
/// </summary>
[TestClass]
public sealed class ValidationTests
{
    [TestMethod]
    // %24 is a literal $ (MSBuild would read $(touch x) as a property, empty).
    [DataRow("tags", "<GoTags>integration;%24(touch x)</GoTags>", "", "GOB2013", "GoTags", "'$(touch x)'")]
    [DataRow("tags-space", "<GoTags>integration fast</GoTags>", "", "GOB2013", "GoTags", "'integration fast'")]
    [DataRow("buildmode", "<GoBuildMode>plugin</GoBuildMode>", "", "GOB5001", "GoBuildMode", "'plugin'")]
    [DataRow("package", "<GoPackage>../elsewhere</GoPackage>", "", "GOB2014", "GoPackage", "'../elsewhere'")]
    [DataRow("outputname", "<GoOutputName>bin/app</GoOutputName>", "", "GOB2015", "GoOutputName", "'bin/app'")]
    [DataRow("linkervariable", "", "<GoLinkerVariable Include=\"version\" Value=\"1\" />", "GOB2006", "GoLinkerVariable", "'version'")]
    [DataRow("env-goos", "", "<GoEnvironment Include=\"GOOS\" Value=\"windows\" />", "GOB2008", "GoEnvironment item GOOS", "GoTargetPlatform")]
    [DataRow("env-cgo", "", "<GoEnvironment Include=\"CGO_ENABLED\" Value=\"1\" />", "GOB2008", "GoEnvironment item CGO_ENABLED", "GoCgoEnabled")]
    [DataRow("env-flags", "", "<GoEnvironment Include=\"GOFLAGS\" Value=\"-mod=mod\" />", "GOB2008", "GoEnvironment item GOFLAGS", "GoModMode")]
    [DataRow("env-name", "", "<GoEnvironment Include=\"NOT-A-NAME\" Value=\"1\" />", "GOB2012", "GoEnvironment item", "'NOT-A-NAME'")]
    [DataRow("trimpath", "<GoTrimPath>yes</GoTrimPath>", "", "GOB2004", "GoTrimPath", "'yes'")]
    [DataRow("strip", "<GoStrip>on</GoStrip>", "", "GOB2004", "GoStrip", "'on'")]
    [DataRow("cgo", "<GoCgoEnabled>1</GoCgoEnabled>", "", "GOB2004", "GoCgoEnabled", "'1'")]
    [DataRow("offline", "<GoToolchainOffline>yes</GoToolchainOffline>", "", "GOB2004", "GoToolchainOffline", "'yes'")]
    [DataRow("allowhttp", "<GoToolchainAllowHttp>no</GoToolchainAllowHttp>", "", "GOB2004", "GoToolchainAllowHttp", "'no'")]
    [DataRow("audit", "<GoAudit>on</GoAudit>", "", "GOB2004", "GoAudit", "'on'")]
    [DataRow("sbom", "<GoSbom>1</GoSbom>", "", "GOB2004", "GoSbom", "'1'")]
    [DataRow("provenance", "<GoProvenance>yes</GoProvenance>", "", "GOB2004", "GoProvenance", "'yes'")]
    [DataRow("modverify", "<GoModVerify>off</GoModVerify>", "", "GOB2004", "GoModVerify", "'off'")]
    [DataRow("buildvcs", "<GoBuildVcs>sometimes</GoBuildVcs>", "", "GOB2005", "GoBuildVcs", "'sometimes'")]
    [DataRow("platforms", "<GoTargetPlatforms>linux/amd64;linux-arm64</GoTargetPlatforms>", "", "GOB4012", "GoTargetPlatforms", "'linux-arm64'")]
    [DataRow("platform-item", "", "<GoTargetPlatform Include=\"linux\" />", "GOB4012", "GoTargetPlatform item", "'linux'")]
    [DataRow("parallelism", "<GoBuildParallelism>0</GoBuildParallelism>", "", "GOB2060", "GoBuildParallelism", "'0'")]
    [DataRow("modmode", "<GoModMode>vendored</GoModMode>", "", "GOB3001", "GoModMode", "'vendored'")]
    public void Build_WithBadValue_FailsWithItsCode_NamingThePropertyAndTheValue_BeforeAnyGoStarts(string row, string properties, string items, string code, string property, string value)
    {
        string name = nameof(ValidationTests) + "-" + row;
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.CreateHello(name, goRoot: go.Root, properties: properties, items: items);

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        string error = result.AssertError(code, property);
        StringAssert.Contains(error, value, result.Describe());
        Assert.IsEmpty(go.Invocations, "no go may start: " + string.Join("\n", go.Invocations));
    }
}
