using System.Collections.Generic;
using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// Bindings of a Go c-shared library built for several RIDs: the exports are listed and compared on
/// every platform of the Go project's matrix, so the C# app compiles one binding source whatever RID
/// it builds for, with C's types at their platform widths, and an export only some platforms have is
/// left out (GOB5111) instead of failing at run time on the others.
/// </summary>
[TestClass]
public sealed class BindingsRidMatrixTests
{
    private const string App = "App/App.csproj";

    private const string LibSource = """
        // Command lib is a c-shared library built for linux-x64 and linux-arm64.
        package main

        import "C"

        import (
        	"fmt"
        	"runtime"
        	"unsafe"
        )

        // Describe reports the widths the C and Go types have on this platform, a C.long that needs
        // 64 bits here, and a Go string parameter.
        //
        //export Describe
        func Describe(n C.long, size C.size_t, i int, s string) *C.char {
        	return C.CString(fmt.Sprintf("%s/%s long=%d size_t=%d int=%d n=%d size=%d i=%d s=%s",
        		runtime.GOOS, runtime.GOARCH, unsafe.Sizeof(n), unsafe.Sizeof(size), unsafe.Sizeof(i), int64(n), uint64(size), i, s))
        }

        func main() {}

        """;

    // Compiled only for amd64 (the _amd64 file name is a build constraint): not in arm64's library.
    private const string Amd64Source = """
        package main

        import "C"

        //export Cpuid
        func Cpuid() C.int { return 1 }

        """;

    private const string AppProgram = """
        using GoBindings;

        // A C.long needs CLong's 64 bits here (CLong is 32-bit on Windows).
        long big = 1L << 40;
        Console.WriteLine(LibNative.Describe(new System.Runtime.InteropServices.CLong((nint)big), (nuint)7, -3, "héllo"));
        """;

    [TestMethod]
    public void Build_CSharedRidMatrix_OneBindingSourceServesEveryRid_AndTheArm64AppRunsUnderQemu()
    {
        TestProject ws = TestProject.Create(nameof(Build_CSharedRidMatrix_OneBindingSourceServesEveryRid_AndTheArm64AppRunsUnderQemu));
        // The linux-arm64 runtime and app host packs come from the package folder the test project restored.
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: true);
        ws.WriteFile("go/go.mod", "module example.com/lib\n\ngo 1.22\n");
        ws.WriteFile("go/lib/lib.go", LibSource);
        ws.WriteFile("go/lib/cpu_amd64.go", Amd64Source);
        ws.WriteGoProject(
            "go/lib/lib.csproj",
            properties: "<GoBuildMode>c-shared</GoBuildMode>",
            items: $"""
                <GoTargetPlatform Include="linux/amd64" />
                <GoTargetPlatform Include="linux/arm64" GoCCompiler="{RepoPaths.Tool("aarch64-linux-gnu-gcc")}" />
                """);
        ws.WriteFile(App, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The arm64 sysroot under qemu has no ICU. -->
                <InvariantGlobalization>true</InvariantGlobalization>
                <!-- A self-contained publish restores the runtime packs of every shared framework (ASP.NET Core's too)
                     unless told not to; this app uses Microsoft.NETCore.App only, whose packs the test project downloaded. -->
                <DisableTransitiveFrameworkReferenceDownloads>true</DisableTransitiveFrameworkReferenceDownloads>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../go/lib/lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        ws.WriteFile("App/Program.cs", AppProgram);

        // No RID: the Go project builds its whole matrix and the app gets the host's library.
        DotNetResult build = ws.Build(App).AssertSuccess();
        Assert.IsTrue(build.OutputMatches(@"cpu_amd64\.go\(\d+\): warning GOB5111: Export Cpuid is left out of the C# bindings LibNative: it is exported on linux/amd64 but not on linux/arm64"), build.Describe());
        Assert.IsFalse(build.OutputMatches(@"GOB5101|GOB5111: Export Describe"), build.Describe());
        string hostBindings = File.ReadAllText(ws.PathOf("App/obj/Debug/net10.0/gobuild/bindings/LibNative.g.cs"));
        StringAssert.Contains(hostBindings, "public static string? Describe(global::System.Runtime.InteropServices.CLong n, nuint size, nint i, string s)");
        StringAssert.Contains(hostBindings, "(linux/amd64, linux/arm64)");
        Assert.IsFalse(hostBindings.Contains("Cpuid", System.StringComparison.Ordinal), hostBindings);
        Assert.AreEqual("linux/amd64 long=8 size_t=8 int=8 n=1099511627776 size=7 i=-3 s=héllo", ws.RunProgram("App/bin/Debug/net10.0/App"));

        // linux-arm64 (publish builds Release): the RID flows into the Go project, which builds only that target, and the
        // bindings are the same text: they were generated from the exports of the whole matrix.
        DotNetResult publish = ws.DotNet("publish", App, "-r", "linux-arm64", "--self-contained", "-o", ws.PathOf("pub-arm64")).AssertSuccess();
        Assert.AreEqual(hostBindings, File.ReadAllText(ws.PathOf("App/obj/Release/net10.0/linux-arm64/gobuild/bindings/LibNative.g.cs")), publish.Describe());
        Assert.AreEqual(183, InteropWorkspace.ElfMachine(ws.PathOf("pub-arm64/liblib.so")), "the arm64 app carries the arm64 library");

        ProcessResult run = ProcessResult.Run(
            RepoPaths.Tool("qemu-aarch64-static"),
            new[] { "-L", RepoPaths.Arm64LibraryRoot, ws.PathOf("pub-arm64/App") },
            ws.Root,
            new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = "0" });
        Assert.AreEqual(0, run.ExitCode, run.Output);
        Assert.AreEqual("linux/arm64 long=8 size_t=8 int=8 n=1099511627776 size=7 i=-3 s=héllo", run.Output.Trim(), publish.Describe());
    }
}
