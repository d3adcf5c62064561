using System;
using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// A Go project keeps the common build's Compile step (the NoTargets way): BeforeCompile,
/// Before/AfterTargets="CoreCompile", TargetsTriggeredByCompilation and AfterCompile run around the Go
/// compile, nothing C# is compiled or generated, and a no-op build still runs no go and loads no task.
/// </summary>
[TestClass]
public sealed class StandardHookTests
{
    private const string TaskAssemblyLoaded = "Assembly loaded during TaskRun: GoBuild.Tasks";

    [TestMethod]
    public void Build_WithCompileHooks_RunsThemInOrderAroundTheGoCompile_AndTriggeredTargetsOnlyWhenGoBuilt()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithCompileHooks_RunsThemInOrderAroundTheGoCompile_AndTriggeredTargetsOnlyWhenGoBuilt));
        CountingToolchain go = CountingToolchain.Create(ws.Root);

        // Explicit imports, so the project's BeforeCompile/AfterCompile come after (and replace) the
        // empty ones of the common targets, as in any project that overrides them. Each hook says
        // whether the Go program exists yet.
        ws.WriteFile("app/app.csproj", $"""
            <Project>
              <Import Project="Sdk.props" Sdk="GoBuild.Sdk" />
              <PropertyGroup>
                <GoToolchainRoot>{SecurityElement.Escape(go.Root)}</GoToolchainRoot>
                <TargetsTriggeredByCompilation>$(TargetsTriggeredByCompilation);Triggered</TargetsTriggeredByCompilation>
                <_Program>$(MSBuildProjectDirectory)/bin/Debug/app</_Program>
              </PropertyGroup>
              <Import Project="Sdk.targets" Sdk="GoBuild.Sdk" />
              <Target Name="BeforeCompile"><Message Importance="high" Text="HOOK BeforeCompile program=$([System.IO.File]::Exists('$(_Program)'))" /></Target>
              <Target Name="BeforeCore" BeforeTargets="CoreCompile"><Message Importance="high" Text="HOOK BeforeTargets=CoreCompile program=$([System.IO.File]::Exists('$(_Program)'))" /></Target>
              <Target Name="Triggered"><Message Importance="high" Text="HOOK TargetsTriggeredByCompilation program=$([System.IO.File]::Exists('$(_Program)'))" /></Target>
              <Target Name="AfterCore" AfterTargets="CoreCompile"><Message Importance="high" Text="HOOK AfterTargets=CoreCompile binaries=@(GoBinary->'%(Filename)')" /></Target>
              <Target Name="AfterCompile"><Message Importance="high" Text="HOOK AfterCompile program=$([System.IO.File]::Exists('$(_Program)'))" /></Target>
            </Project>
            """);

        // What many repositories set for their C# projects; it must not make a Go project generate C#.
        // Nearer than the workspace's, it imports that one (DirectoryBuildProps), so the audit stays offline.
        DirectoryBuildProps.Write(ws, "app", "<ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable>");

        DotNetResult first = ws.Build("app/app.csproj").AssertSuccess();
        AssertInOrder(
            first,
            "HOOK BeforeCompile program=False",
            "HOOK BeforeTargets=CoreCompile program=False",
            "app -> ",
            "HOOK TargetsTriggeredByCompilation program=True",
            "HOOK AfterTargets=CoreCompile binaries=app",
            "HOOK AfterCompile program=True");
        Assert.AreEqual(1, go.Count("build"), first.Describe());
        Assert.AreEqual("app unset linux/amd64", ws.RunProgram("app/bin/Debug/app"));

        // Compile runs, but nothing of a C# compile: no assembly, no pdb, no generated sources.
        string[] written = Directory.GetFiles(ws.PathOf("app/bin"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(ws.PathOf("app/obj"), "*", SearchOption.AllDirectories))
            .ToArray();
        string[] compilerFiles = written.Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal)
            || f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".editorconfig", StringComparison.Ordinal)
            || f.EndsWith(".sourcelink.json", StringComparison.Ordinal) || f.EndsWith(".AssemblyReference.cache", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(0, compilerFiles.Length, "files of a C# compile: " + string.Join(", ", compilerFiles));

        // No-op: the hooks run, go does not, no task loads, and nothing was "triggered by compilation".
        File.Delete(go.LogFile);
        DotNetResult noOp = ws.Build("app/app.csproj", "-v:diag").AssertSuccess();
        AssertInOrder(noOp, "HOOK BeforeCompile program=True", "HOOK BeforeTargets=CoreCompile program=True", "HOOK AfterCompile program=True");
        noOp.AssertOutputDoesNotContain("HOOK TargetsTriggeredByCompilation");
        noOp.AssertOutputDoesNotContain(TaskAssemblyLoaded);
        Assert.AreEqual(0, go.Invocations.Length, "go ran on a no-op build: " + string.Join("; ", go.Invocations));

        // An edit compiles again, and triggers again.
        ws.WriteFile("app/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"edited\") }\n");
        DotNetResult edited = ws.Build("app/app.csproj").AssertSuccess();
        AssertInOrder(edited, "HOOK BeforeTargets=CoreCompile", "app -> ", "HOOK TargetsTriggeredByCompilation program=True", "HOOK AfterCompile");
        Assert.AreEqual("edited", ws.RunProgram("app/bin/Debug/app"));
    }

    [TestMethod]
    public void Evaluate_GoProject_DisablesTheFastUpToDateCheck()
    {
        TestProject ws = TestProject.CreateHello(nameof(Evaluate_GoProject_DisablesTheFastUpToDateCheck));

        DotNetResult result = ws.DotNet("msbuild", "app/app.csproj", "-getProperty:DisableFastUpToDateCheck", "-getProperty:GenerateMSBuildEditorConfigFile").AssertSuccess();

        StringAssert.Contains(result.Output, "\"DisableFastUpToDateCheck\": \"true\"", result.Describe());
        StringAssert.Contains(result.Output, "\"GenerateMSBuildEditorConfigFile\": \"false\"", result.Describe());
    }

    /// <summary>
    /// What an IDE runs when it loads a C# app that references a Go project, before anything was built
    /// or restored: the Roslyn build host's Compile;CoreCompile with its design-time properties, and the
    /// project system's reference and package queries. The Go project pins a toolchain from a mirror and
    /// requires a module from a proxy; neither is touched, no go runs and the Go project writes nothing.
    /// </summary>
    [TestMethod]
    public void DesignTimeBuild_OfAppReferencingGoProject_RunsNoGo_DownloadsNothing_WritesNoOutput()
    {
        string name = nameof(DesignTimeBuild_OfAppReferencingGoProject_RunsNoGo_DownloadsNothing_WritesNoOutput);
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        TestProject probe = TestProject.Create(name, "caches");
        string toolchainCache = probe.PathOf("toolchains");
        GreetApp app = GreetApp.Create(name, goRoot: string.Empty, properties: ToolchainTestProjects.FromMirror(mirror, E2E.DefaultGoVersion, toolchainCache));
        TestProject ws = app.Workspace;
        ws.WriteFile("csapp/csapp.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="../app/app.csproj" /></ItemGroup>
            </Project>
            """);
        ws.WriteFile("csapp/Program.cs", "System.Console.WriteLine(\"app\");\n");
        CountingToolchain go = CountingToolchain.Create(probe.Root);

        foreach (string project in new[] { "csapp/csapp.csproj", GreetApp.Project })
        {
            DotNetResult designTime = DesignTimeBuild(ws, project).AssertSuccess();
            designTime.AssertOutputDoesNotContain(TaskAssemblyLoaded);
        }

        // Given a toolchain that is there and counts its runs, still no go.
        DesignTimeBuild(ws, GreetApp.Project, "-p:GoToolchainRoot=" + go.Root).AssertSuccess();

        Assert.AreEqual(0, go.Invocations.Length, "go ran in a design-time build: " + string.Join("; ", go.Invocations));
        Assert.AreEqual(0, mirror.Requests.Count, "a design-time build asked the toolchain mirror for: " + string.Join(", ", mirror.Requests));
        Assert.IsFalse(Directory.Exists(toolchainCache) && Directory.EnumerateFileSystemEntries(toolchainCache).Any(), "a design-time build wrote into the toolchain cache");
        Assert.IsFalse(Directory.Exists(app.ModuleCache) && Directory.EnumerateFileSystemEntries(app.ModuleCache).Any(), "a design-time build downloaded modules");
        string[] goProjectFiles = Directory.Exists(ws.PathOf("app/bin")) ? Directory.GetFiles(ws.PathOf("app/bin"), "*", SearchOption.AllDirectories) : Array.Empty<string>();
        Assert.AreEqual(0, goProjectFiles.Length, "a design-time build wrote output: " + string.Join(", ", goProjectFiles));
        Assert.IsFalse(Directory.GetDirectories(ws.Root, "gobuild", SearchOption.AllDirectories).Any(), "a design-time build wrote GoBuild records");
        Assert.IsFalse(File.Exists(ws.PathOf("csapp/bin/Debug/net10.0/app")), "a design-time build copied a Go program");
    }

    private static DotNetResult DesignTimeBuild(TestProject ws, string project, params string[] extra) =>
        ws.DotNet(
            "msbuild",
            project,
            new[]
            {
                "-v:diag",
                "-t:Compile;CoreCompile;ResolveAssemblyReferences;ResolveProjectReferences;GetCopyToOutputDirectoryItems;CollectPackageReferences;ResolvePackageDependenciesDesignTime",
                "-p:DesignTimeBuild=true",
                "-p:BuildingInsideVisualStudio=true",
                "-p:SkipCompilerExecution=true",
                "-p:ProvideCommandLineArgs=true",
                "-p:BuildProjectReferences=false",
                "-p:ShouldUnsetParentConfigurationAndPlatform=false",
            }.Concat(extra).ToArray(),
            timeout: null,
            onStarted: null);

    private static void AssertInOrder(DotNetResult result, params string[] texts)
    {
        int at = 0;
        foreach (string text in texts)
        {
            int found = result.Output.IndexOf(text, at, StringComparison.Ordinal);
            Assert.IsTrue(found >= 0, $"Expected '{text}' after position {at} of the output. " + result.Describe());
            at = found + text.Length;
        }
    }
}
