using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// A plain .NET app with ProjectReferences to Go projects (samples/MixedMonorepo): the Go library
/// and program land next to the app for build, run, publish and test, with no go on a no-op build.
/// </summary>
[TestClass]
public sealed class InteropTests
{
    private const string App = "App/App.csproj";

    [TestMethod]
    public void MixedMonorepo_BuildsAndRunsWithGoValues_RebuildsWithoutGo_AndTestsGoAndCSharpTogether()
    {
        (TestProject ws, CountingToolchain go, string toolchain) = Sample(nameof(MixedMonorepo_BuildsAndRunsWithGoValues_RebuildsWithoutGo_AndTestsGoAndCSharpTogether));

        ws.Build(App, toolchain).AssertSuccess();

        string output = ws.RunProgram("App/bin/Debug/net10.0/App");
        StringAssert.Contains(output, "Add(40, 2) = 42");
        StringAssert.Contains(output, "Fibonacci(90) = 2880067194370816120");
        StringAssert.Contains(output, "from Go go1.26.11 on linux/");
        StringAssert.Contains(output, "Sidecar: {\"sum\":42,\"count\":4,\"go\":\"go1.26.11\"");
        // Copied as files, never referenced as assemblies; the C header stays with the library.
        Assert.IsTrue(File.Exists(ws.PathOf("App/bin/Debug/net10.0/libmathlib.so")));
        Assert.IsFalse(File.Exists(ws.PathOf("App/bin/Debug/net10.0/libmathlib.h")));
        // Each Go file brings its SBOM (Debug: no provenance), for the app's own SBOM tooling.
        Assert.IsTrue(File.Exists(ws.PathOf("App/bin/Debug/net10.0/libmathlib.so.cdx.json")));
        Assert.IsTrue(File.Exists(ws.PathOf("App/bin/Debug/net10.0/sidecar.cdx.json")));
        Assert.IsFalse(File.Exists(ws.PathOf("App/bin/Debug/net10.0/sidecar.intoto.json")));
        string deps = File.ReadAllText(ws.PathOf("App/bin/Debug/net10.0/App.deps.json"));
        Assert.IsFalse(deps.Contains("mathlib") || deps.Contains("sidecar"), deps);

        File.Delete(go.LogFile);
        ws.Build(App, toolchain).AssertSuccess();
        Assert.AreEqual(0, go.Invocations.Length, "go ran on a no-op build of the app: " + string.Join("; ", go.Invocations));

        // One dotnet test for the solution: the C# tests (which P/Invoke the library the app's
        // reference brought along) and the Go tests of go/sidecar.
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: true);
        DotNetResult test = ws.DotNet("test", "MixedMonorepo.sln", toolchain).AssertSuccess();
        test.AssertOutputContains("Passed!  - Failed:     0, Passed:     2, Skipped:     0, Total:     2, Duration:");
        Assert.IsTrue(test.OutputMatches(@"Passed!  - Failed:\s+0, Passed:\s+2, .* - sidecar \(go test\)"), test.Describe());
        Assert.IsTrue(test.OutputMatches(@"Passed!  - Failed:\s+0, Passed:\s+2, .* - App\.Tests\.dll"), test.Describe());
    }

    [TestMethod]
    public void MixedMonorepo_PublishForLinuxX64_BuildsGoForThatRid_AndCarriesTheLibraryAndProgram()
    {
        (TestProject ws, _, string toolchain) = Sample(nameof(MixedMonorepo_PublishForLinuxX64_BuildsGoForThatRid_AndCarriesTheLibraryAndProgram));

        ws.DotNet("publish", App, "-r", "linux-x64", toolchain).AssertSuccess();

        const string Publish = "App/bin/Release/net10.0/linux-x64/publish/";
        Assert.IsTrue(File.Exists(ws.PathOf(Publish + "libmathlib.so")));
        Assert.IsTrue(InteropWorkspace.IsExecutableByAll(ws.PathOf(Publish + "sidecar")));
        foreach (string document in new[] { "libmathlib.so.cdx.json", "libmathlib.so.intoto.json", "sidecar.cdx.json", "sidecar.intoto.json" })
        {
            Assert.IsTrue(File.Exists(ws.PathOf(Publish + document)), document + " was not published next to its Go file");
        }

        // The RuntimeIdentifier flowed into the Go projects: they built into their RID folders.
        Assert.IsTrue(File.Exists(ws.PathOf("go/sidecar/bin/Release/linux-x64/sidecar")));
        Assert.AreEqual(62, InteropWorkspace.ElfMachine(ws.PathOf(Publish + "sidecar")), "x86-64");
        string output = ws.RunProgram(Publish + "App");
        StringAssert.Contains(output, "Add(40, 2) = 42");
        StringAssert.Contains(output, "\"sum\":42");
    }

    [TestMethod]
    public void Build_UnknownGoBuildMode_FailsWithGOB5001ListingTheModes()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_UnknownGoBuildMode_FailsWithGOB5001ListingTheModes), properties: "<GoBuildMode>dll</GoBuildMode>");

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        StringAssert.Contains(result.AssertError("GOB5001"), "exe, pie, c-shared, c-archive");
    }

    [TestMethod]
    public void Build_CArchive_WritesLibraryAndHeader_ThatACProgramLinksAndCalls()
    {
        TestProject ws = TestProject.Create(nameof(Build_CArchive_WritesLibraryAndHeader_ThatACProgramLinksAndCalls));
        ws.WriteFile("calc/go.mod", "module example.com/calc\n\ngo 1.22\n");
        ws.WriteFile("calc/calc.go", """
            package main

            import "C"

            //export Twice
            func Twice(x C.int) C.int { return 2 * x }

            func main() {}
            """);
        ws.WriteGoProject("calc/calc.csproj", properties: "<GoBuildMode>c-archive</GoBuildMode>");
        ws.WriteFile("main.c", "#include <stdio.h>\n#include \"libcalc.h\"\n\nint main(void) { printf(\"%d\\n\", Twice(21)); return 0; }\n");

        ws.Build("calc/calc.csproj").AssertSuccess();

        Assert.IsTrue(File.Exists(ws.PathOf("calc/bin/Debug/libcalc.a")));
        StringAssert.Contains(File.ReadAllText(ws.PathOf("calc/bin/Debug/libcalc.h")), "Twice");
        ProcessResult gcc = ProcessResult.Run("gcc", new[] { "-I", "calc/bin/Debug", "main.c", "calc/bin/Debug/libcalc.a", "-lpthread", "-o", "capp" }, ws.Root);
        Assert.AreEqual(0, gcc.ExitCode, gcc.Output);
        Assert.AreEqual("42", ws.RunProgram("capp"));
    }

    [TestMethod]
    public void ProjectReference_PublishForLinuxArm64_BuildsTheGoProgramForArm64()
    {
        TestProject ws = TestProject.Create(nameof(ProjectReference_PublishForLinuxArm64_BuildsTheGoProgramForArm64));
        ws.WriteFile("agent/go.mod", "module example.com/agent\n\ngo 1.22\n");
        ws.WriteFile("agent/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"agent\") }\n");
        ws.WriteGoProject("agent/agent.csproj");
        ws.WriteConsoleApp("app", "../agent/agent.csproj");

        // No apphost: its linux-arm64 pack would come from the network.
        ws.DotNet("publish", "app/app.csproj", "-r", "linux-arm64", "-p:UseAppHost=false").AssertSuccess();

        string agent = ws.PathOf("app/bin/Release/net10.0/linux-arm64/publish/agent");
        Assert.AreEqual(183, InteropWorkspace.ElfMachine(agent), "aarch64");
        Assert.IsTrue(InteropWorkspace.IsExecutableByAll(agent));
    }

    [TestMethod]
    public void Build_CSharedForAnotherPlatformWithoutCCompiler_FailsWithGOB4006_AndForJsWasmWithGOB5007()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_CSharedForAnotherPlatformWithoutCCompiler_FailsWithGOB4006_AndForJsWasmWithGOB5007), properties: "<GoBuildMode>c-shared</GoBuildMode>");

        StringAssert.Contains(ws.Build("app/app.csproj", "-p:RuntimeIdentifier=linux-arm64").AssertFailure().AssertError("GOB4006"), "linux/arm64");
        StringAssert.Contains(ws.Build("app/app.csproj", "-p:RuntimeIdentifier=browser-wasm").AssertFailure().AssertError("GOB5007"), "js/wasm");
    }

    private static (TestProject Ws, CountingToolchain Go, string ToolchainProperty) Sample(string name)
    {
        TestProject ws = TestProject.Create(name);
        InteropWorkspace.CopySample(ws, "MixedMonorepo");
        CountingToolchain go = CountingToolchain.Create(ws.Root);
        return (ws, go, "-p:GoToolchainRoot=" + go.Root);
    }
}
