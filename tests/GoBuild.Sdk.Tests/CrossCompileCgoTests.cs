using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>cgo for another platform, with the C cross-compiler named by GoCCompiler metadata.</summary>
[TestClass]
public sealed class CrossCompileCgoTests
{
    [TestMethod]
    public void Build_CgoForLinuxArm64WithGoCCompiler_BuildsWithTheCrossCompiler_AndRunsUnderQemu()
    {
        // Debian's gcc-aarch64-linux-gnu, libc6-dev-arm64-cross and qemu-user-static, unpacked
        // under .tools by eng/get-test-tools.sh.
        TestProject ws = TestProject.Create(nameof(Build_CgoForLinuxArm64WithGoCCompiler_BuildsWithTheCrossCompiler_AndRunsUnderQemu));
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", """
            package main

            // static int twice(int x) { return 2 * x; }
            import "C"

            import (
            	"fmt"
            	"runtime"
            )

            func main() {
            	fmt.Printf("cgo %d %s/%s\n", int(C.twice(21)), runtime.GOOS, runtime.GOARCH)
            }
            """);
        ws.WriteGoProject(
            "app/app.csproj",
            properties: "<GoCgoEnabled>true</GoCgoEnabled>",
            items: $"""<GoTargetPlatform Include="linux/arm64" GoCCompiler="{RepoPaths.Tool("aarch64-linux-gnu-gcc")}" />""");

        DotNetResult result = ws.Build("app/app.csproj").AssertSuccess();

        Assert.AreEqual("ELF64 aarch64", CrossCompileBinaries.Identify(ws.PathOf("app/bin/Debug/app")), result.Describe());
        ProcessResult run = ProcessResult.Run(RepoPaths.Tool("qemu-aarch64-static"), new[] { "-L", RepoPaths.Arm64LibraryRoot, ws.PathOf("app/bin/Debug/app") }, ws.Root);
        Assert.AreEqual("cgo 42 linux/arm64", run.Output.Trim(), result.Describe());
    }

    [TestMethod]
    public void Build_CSharedForLinuxArm64WithGoCCompiler_WritesAnArm64SharedLibraryAndItsHeader()
    {
        TestProject ws = TestProject.Create(nameof(Build_CSharedForLinuxArm64WithGoCCompiler_WritesAnArm64SharedLibraryAndItsHeader));
        ws.WriteFile("lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        ws.WriteFile("lib/lib.go", """
            package main

            import "C"

            //export Add
            func Add(a, b C.int) C.int { return a + b }

            func main() {}
            """);
        ws.WriteGoProject(
            "lib/lib.csproj",
            properties: "<GoBuildMode>c-shared</GoBuildMode>",
            items: $"""<GoTargetPlatform Include="linux/arm64" GoCCompiler="{RepoPaths.Tool("aarch64-linux-gnu-gcc")}" />""");

        DotNetResult result = ws.Build("lib/lib.csproj").AssertSuccess();

        Assert.AreEqual("ELF64 aarch64", CrossCompileBinaries.Identify(ws.PathOf("lib/bin/Debug/liblib.so")), result.Describe());
        StringAssert.Contains(System.IO.File.ReadAllText(ws.PathOf("lib/bin/Debug/liblib.h")), "Add(int a, int b)");
    }
}
