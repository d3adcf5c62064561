using System.IO;
using System.IO.Compression;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>GoBuildMode=wasi-reactor: one .wasm for every RID, run in process through the generated Wasmtime class.</summary>
[TestClass]
public sealed class WasiReactorTests
{
    private const string Host = "Host/Host.csproj";

    // The sample's Directory.Build.props (samples/) is not copied: name the test Go.
    private static string Toolchain => "-p:GoToolchainRoot=" + RepoPaths.GoRoot(E2E.DefaultGoVersion);

    [TestMethod]
    public void WasmPlugin_HostRunsTheGoModuleInProcess_AndPublishForAnyRidCarriesTheSameModule()
    {
        TestProject ws = TestProject.Create(nameof(WasmPlugin_HostRunsTheGoModuleInProcess_AndPublishForAnyRidCarriesTheSameModule));
        InteropWorkspace.CopySample(ws, "WasmPlugin");
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: true);

        ws.Build(Host, Toolchain).AssertSuccess();

        string output = ws.RunProgram("Host/bin/Debug/net10.0/Host");
        StringAssert.Contains(output, "Add(40, 2) = 42");
        StringAssert.Contains(output, "Fib(90) = 2880067194370816120");
        StringAssert.Contains(output, "Scale(1.5, 4) = 6");
        StringAssert.Contains(output, "IsPrime(7919) = True");
        StringAssert.Contains(output, "Built with Go 1.26");
        StringAssert.Contains(File.ReadAllText(ws.PathOf("Host/obj/Debug/net10.0/gobuild/bindings/PluginModule.g.cs")), "internal sealed class PluginModule : global::System.IDisposable");
        Assert.IsTrue(IsWasm(ws.PathOf("plugin/bin/Debug/plugin.wasm")));

        // Every RID gets the same module; the plugin project builds it once per RID asked, never per platform.
        foreach (string rid in new[] { "linux-x64", "linux-arm64", "win-x64" })
        {
            ws.DotNet("publish", Host, "-r", rid, "-p:UseAppHost=false", "-p:SelfContained=false", Toolchain).AssertSuccess();
            string published = ws.PathOf($"Host/bin/Release/net10.0/{rid}/publish/plugin.wasm");
            Assert.IsTrue(IsWasm(published), published);
            Assert.IsTrue(IsWasm(ws.PathOf($"plugin/bin/Release/{rid}/plugin.wasm")), rid);
        }

        // A RID matrix in the plugin project still builds one module, at the top of its output.
        ws.WriteFile("plugin/plugin.csproj", File.ReadAllText(ws.PathOf("plugin/plugin.csproj")).Replace("</GoBuildMode>", "</GoBuildMode><RuntimeIdentifiers>linux-x64;linux-arm64;win-x64</RuntimeIdentifiers>"));
        DotNetResult matrix = ws.Build("plugin/plugin.csproj", Toolchain).AssertSuccess();
        Assert.AreEqual(1, matrix.Output.Split('\n').Count(l => l.Contains("plugin -> ", System.StringComparison.Ordinal)), matrix.Describe());
        Assert.IsFalse(Directory.Exists(ws.PathOf("plugin/bin/Debug/linux-arm64")));
    }

    [TestMethod]
    public void Pack_WasiReactor_HoldsTheModuleOnce_AndAConsumingAppGetsItNextToIt()
    {
        TestProject ws = TestProject.Create(nameof(Pack_WasiReactor_HoldsTheModuleOnce_AndAConsumingAppGetsItNextToIt));
        InteropWorkspace.CopySample(ws, "WasmPlugin");
        ws.WriteFile("plugin/plugin.csproj", File.ReadAllText(ws.PathOf("plugin/plugin.csproj")).Replace("</GoBuildMode>", "</GoBuildMode><PackageId>Contoso.Plugin</PackageId><Version>1.0.0</Version><RuntimeIdentifiers>linux-x64;win-x64</RuntimeIdentifiers>"));
        ws.DotNet("pack", "plugin/plugin.csproj", "-o", ws.PathOf("feed"), Toolchain).AssertSuccess();

        string[] entries;
        using (ZipArchive package = ZipFile.OpenRead(ws.PathOf("feed/Contoso.Plugin.1.0.0.nupkg")))
        {
            entries = package.Entries.Select(e => e.FullName).ToArray();
        }

        Assert.AreEqual(1, entries.Count(e => e.EndsWith(".wasm", System.StringComparison.Ordinal)), string.Join(", ", entries));
        CollectionAssert.IsSubsetOf(new[] { "wasm/plugin.wasm", "build/Contoso.Plugin.targets", "buildTransitive/Contoso.Plugin.targets" }, entries, string.Join(", ", entries));
        Assert.IsFalse(entries.Any(e => e.StartsWith("runtimes/", System.StringComparison.Ordinal)), string.Join(", ", entries));

        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: false, ws.PathOf("feed"));
        ws.WriteFile("consumer/consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Contoso.Plugin" Version="1.0.0" /></ItemGroup>
            </Project>
            """);
        ws.WriteFile("consumer/Program.cs", "System.Console.WriteLine(System.IO.File.Exists(System.IO.Path.Combine(System.AppContext.BaseDirectory, \"plugin.wasm\")));\n");
        ws.Build("consumer/consumer.csproj").AssertSuccess();
        Assert.AreEqual("True", ws.RunProgram("consumer/bin/Debug/net10.0/consumer"));
        ws.DotNet("publish", "consumer/consumer.csproj", "-r", "linux-arm64", "-p:UseAppHost=false", "-p:SelfContained=false").AssertSuccess();
        Assert.IsTrue(IsWasm(ws.PathOf("consumer/bin/Release/net10.0/linux-arm64/publish/plugin.wasm")));
    }

    [TestMethod]
    public void Build_WasiReactorWithGo122_FailsWithGOB5105_BeforeGoRuns()
    {
        TestProject ws = TestProject.Create(nameof(Build_WasiReactorWithGo122_FailsWithGOB5105_BeforeGoRuns));
        CountingToolchain go = CountingToolchain.Create(ws.Root, "1.22.12");
        ws.WriteFile("plugin/go.mod", "module example.com/plugin\n\ngo 1.22\n");
        ws.WriteFile("plugin/plugin.go", "package main\n\nfunc main() {}\n");
        ws.WriteGoProject("plugin/plugin.csproj", go.Root, properties: "<GoBuildMode>wasi-reactor</GoBuildMode>");

        DotNetResult result = ws.Build("plugin/plugin.csproj").AssertFailure();

        StringAssert.Contains(result.AssertError("GOB5105"), "go1.22.12");
        Assert.AreEqual(0, go.Count("build"), string.Join("; ", go.Invocations));
    }

    [TestMethod]
    public void Build_HostWithoutWasmtime_WarnsWithGOB5104_NamingTheProject()
    {
        TestProject ws = TestProject.Create(nameof(Build_HostWithoutWasmtime_WarnsWithGOB5104_NamingTheProject));
        InteropWorkspace.CopySample(ws, "WasmPlugin");
        string project = File.ReadAllText(ws.PathOf(Host)).Replace("<PackageReference Include=\"Wasmtime\" Version=\"50.0.1\" />", string.Empty);
        ws.WriteFile(Host, project);
        ws.WriteFile("Host/Program.cs", "System.Console.WriteLine(System.IO.File.Exists(System.IO.Path.Combine(System.AppContext.BaseDirectory, \"plugin.wasm\")));\n");

        DotNetResult result = ws.Build(Host, Toolchain).AssertSuccess();

        Assert.IsTrue(result.OutputMatches(@"warning GOB5104: Host references the Go wasi-reactor module plugin, but does not reference the Wasmtime package"), result.Describe());
        Assert.AreEqual("True", ws.RunProgram("Host/bin/Debug/net10.0/Host"));
    }

    private static bool IsWasm(string path)
    {
        byte[] magic = new byte[4];
        using (FileStream stream = File.OpenRead(path))
        {
            stream.ReadExactly(magic);
        }

        return magic[0] == 0 && magic[1] == (byte)'a' && magic[2] == (byte)'s' && magic[3] == (byte)'m';
    }
}
