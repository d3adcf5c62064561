using System;
using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>One project, built for six platforms with real Go: layout, headers, GoBinary items, incrementality.</summary>
[TestClass]
public sealed class CrossCompileMatrixTests
{
    private static readonly (string Path, string Header, string Platform)[] s_outputs =
    {
        ("linux-x64/app", "ELF64 x86-64", "linux/amd64"),
        ("linux-arm64/app", "ELF64 aarch64", "linux/arm64"),
        ("linux-arm/app", "ELF32 arm", "linux/arm"),
        ("win-x64/app.exe", "PE32+ x86-64", "windows/amd64"),
        ("osx-arm64/app", "Mach-O arm64", "darwin/arm64"),
        ("wasi-wasm/app.wasm", "wasm", "wasip1/wasm"),
    };

    private static string Project(CountingToolchain go, string goArm) => $"""
        <Project Sdk="GoBuild.Sdk">
          <PropertyGroup>
            <GoToolchainRoot>{SecurityElement.Escape(go.Root)}</GoToolchainRoot>
            <GoTargetPlatforms>linux/amd64;linux/arm64;windows/amd64;darwin/arm64;wasip1/wasm</GoTargetPlatforms>
          </PropertyGroup>
          <ItemGroup>
            <GoTargetPlatform Include="linux/arm" GOARM="{goArm}" />
          </ItemGroup>
          <Target Name="ShowGoBinaries" AfterTargets="GoCompile">
            <Message Importance="high" Text="GoBinary %(GoBinary.RuntimeIdentifier) %(GoBinary.GoOS)/%(GoBinary.GoArch) %(GoBinary.Filename)%(GoBinary.Extension)" />
          </Target>
        </Project>
        """;

    [TestMethod]
    public void Build_SixPlatformMatrix_WritesEachBinaryToItsRidFolder_AndRebuildsOnlyTheTargetWhoseMetadataChanged()
    {
        const string Name = nameof(Build_SixPlatformMatrix_WritesEachBinaryToItsRidFolder_AndRebuildsOnlyTheTargetWhoseMetadataChanged);
        TestProject ws = TestProject.CreateHello(Name);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, Name));
        ws.WriteFile("app/app.csproj", Project(go, goArm: "7"));

        DotNetResult build = ws.Build("app/app.csproj").AssertSuccess();

        foreach ((string path, string header, string platform) in s_outputs)
        {
            Assert.AreEqual(header, CrossCompileBinaries.Identify(ws.PathOf("app/bin/Debug/" + path)), path + "\n" + build.Describe());
            string rid = path.Split('/')[0];
            build.AssertOutputContains($"GoBinary {rid} {platform} {Path.GetFileName(path)}");
        }

        Assert.IsFalse(File.Exists(ws.PathOf("app/bin/Debug/app")), "several targets: nothing at the top of OutDir");
        Assert.AreEqual(6, go.Count("build"), string.Join("\n", go.Invocations));
        ProcessResult arm64 = ProcessResult.Run(RepoPaths.Tool("qemu-aarch64-static"), new[] { ws.PathOf("app/bin/Debug/linux-arm64/app") }, ws.Root);
        Assert.AreEqual("app unset linux/arm64", arm64.Output.Trim(), "qemu-aarch64-static (Debian's qemu-user-static, under .tools) runs the linux/arm64 binary");

        // A no-op build runs no go at all.
        int invocations = go.Invocations.Length;
        ws.Build("app/app.csproj").AssertSuccess();
        Assert.HasCount(invocations, go.Invocations, string.Join("\n", go.Invocations));

        // Changing one target's metadata rebuilds that target only.
        DateTime x64Written = File.GetLastWriteTimeUtc(ws.PathOf("app/bin/Debug/linux-x64/app"));
        ws.WriteFile("app/app.csproj", Project(go, goArm: "6"));
        DotNetResult changed = ws.Build("app/app.csproj", "-v:n").AssertSuccess();
        string[] builds = go.Invocations.Skip(invocations).Where(l => l.StartsWith("build ", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(1, builds, changed.Describe());
        StringAssert.Contains(builds[0], "linux-arm/app");
        changed.AssertOutputContains("GOARM=6");
        Assert.AreEqual(x64Written, File.GetLastWriteTimeUtc(ws.PathOf("app/bin/Debug/linux-x64/app")));
        Assert.AreEqual("ELF32 arm", CrossCompileBinaries.Identify(ws.PathOf("app/bin/Debug/linux-arm/app")));

        // dotnet clean removes every target's output.
        ws.DotNet("clean", "app/app.csproj").AssertSuccess();
        foreach ((string path, _, _) in s_outputs)
        {
            Assert.IsFalse(File.Exists(ws.PathOf("app/bin/Debug/" + path)), path);
        }
    }
}
