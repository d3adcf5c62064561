using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>Wrong platforms fail with one coded error each, naming the target, before any go build runs.</summary>
[TestClass]
public sealed class CrossCompileErrorTests
{
    [TestMethod]
    public void Build_WithInvalidTargets_FailsWithOneCodedErrorPerProblem_NamingItsTarget_BeforeGoBuildRuns()
    {
        const string Name = nameof(Build_WithInvalidTargets_FailsWithOneCodedErrorPerProblem_NamingItsTarget_BeforeGoBuildRuns);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, Name));
        TestProject ws = TestProject.CreateHello(
            Name,
            goRoot: go.Root,
            properties: "<GoTargetPlatforms>linux/nope</GoTargetPlatforms>",
            items: """
                <GoTargetPlatform Include="linux/arm" GOARM="8" />
                <GoTargetPlatform Include="linux/amd64" GOAMD64="v9" GOARM="7" />
                <GoTargetPlatform Include="windows/arm64" RuntimeIdentifier="osx-arm64" />
                <GoTargetPlatform Include="linux/arm64" GoCgoEnabled="true" />
                <GoTargetPlatform Include="js/wasm" GoCgoEnabled="true" GoCCompiler="clang" />
                """);

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        StringAssert.Contains(result.AssertError("GOB4002", "[linux/nope]"), "linux/arm64 linux/loong64");
        StringAssert.Contains(result.AssertError("GOB4003", "[linux/arm]"), "GOARM '8' is not valid. Use one of: 5, 6, 7");
        StringAssert.Contains(result.AssertError("GOB4003", "[linux/amd64]"), "GOAMD64 'v9' is not valid. Use one of: v1, v2, v3, v4");
        result.AssertError("GOB4004", "GOARM=7 applies to GOARCH=arm only, but this target is linux/amd64");
        result.AssertError("GOB4005", "[windows/arm64 osx-arm64]");
        StringAssert.Contains(result.AssertError("GOB4006", "[linux/arm64]"), "GoCCompiler");
        result.AssertError("GOB4007", "[js/wasm]");
        Assert.AreEqual(0, go.Count("build"), string.Join("\n", go.Invocations));
    }

    [TestMethod]
    public void Build_WithUnknownRuntimeIdentifier_FailsWithGOB4001_ListingTheKnownOnes()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithUnknownRuntimeIdentifier_FailsWithGOB4001_ListingTheKnownOnes));

        DotNetResult result = ws.Build("app/app.csproj", "-r", "linux-nope").AssertFailure();

        string error = result.AssertError("GOB4001", "'linux-nope'");
        StringAssert.Contains(error, "linux-x64, linux-musl-x64, linux-arm64");
        StringAssert.Contains(error, "wasi-wasm");
    }

    [TestMethod]
    public void Build_WithTwoTargetsForOneFolder_FailsWithGOB4008()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithTwoTargetsForOneFolder_FailsWithGOB4008),
            items: """
                <GoTargetPlatform Include="linux/arm" GOARM="6" />
                <GoTargetPlatform Include="linux/arm" GOARM="7" />
                """);

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        result.AssertError("GOB4008", "linux/arm, linux/arm → linux-arm");
    }

    [TestMethod]
    public void Build_CompileErrorWithSeveralTargets_NamesTheTargetInEachError_AndTheDefaultHostBuildNone()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_CompileErrorWithSeveralTargets_NamesTheTargetInEachError_AndTheDefaultHostBuildNone),
            properties: "<RuntimeIdentifiers>linux-x64;linux-musl-x64</RuntimeIdentifiers>");
        ws.WriteFile("app/broken.go", "package main\n\nvar broken int = \"text\"\n");

        DotNetResult matrix = ws.Build("app/app.csproj").AssertFailure();
        DotNetResult host = ws.Build("app/app.csproj", "-p:RuntimeIdentifiers=").AssertFailure();

        StringAssert.Contains(matrix.AssertError("GOB2001", "[linux/amd64]"), "broken.go(3,");
        matrix.AssertError("GOB2001", "[linux/amd64 linux-musl-x64]");
        host.AssertOutputDoesNotContain("[linux/amd64");
        host.AssertError("GOB2001", "broken.go");
    }
}
