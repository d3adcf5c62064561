using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>`dotnet build` of a GoBuild.Sdk project produces the Go program the user asked for.</summary>
[TestClass]
public sealed class BuildTests
{
    [TestMethod]
    public void Build_HelloProject_ProducesProgramWithVersionStampedFromLinkerVariable()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_HelloProject_ProducesProgramWithVersionStampedFromLinkerVariable),
            properties: "<Version>4.5.6</Version>",
            items: """<GoLinkerVariable Include="main.version" Value="$(Version)" />""");

        ws.Build("app/app.csproj").AssertSuccess();

        Assert.AreEqual("app 4.5.6 linux/amd64", ws.RunProgram("app/bin/Debug/app"));
    }

    [TestMethod]
    public void Build_CommandInCmdFolder_BuildsThatCommandWithPackagesFromModuleRoot()
    {
        TestProject ws = TestProject.Create(nameof(Build_CommandInCmdFolder_BuildsThatCommandWithPackagesFromModuleRoot));
        ws.WriteFile("mod/go.mod", "module example.com/mod\n\ngo 1.22\n");
        ws.WriteFile("mod/greet/greet.go", "package greet\n\nfunc Hello() string { return \"hello from greet\" }\n");
        ws.WriteFile("mod/cmd/tool/main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/mod/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        ws.WriteGoProject("mod/cmd/tool/tool.csproj");

        ws.Build("mod/cmd/tool/tool.csproj").AssertSuccess();

        Assert.AreEqual("hello from greet", ws.RunProgram("mod/cmd/tool/bin/Debug/tool"));
    }

    [TestMethod]
    public void Build_ProjectPathWithSpacesAndNonAsciiLetters_Builds()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_ProjectPathWithSpacesAndNonAsciiLetters_Builds), folderName: "my wörk späce");

        ws.Build("app/app.csproj").AssertSuccess();

        StringAssert.StartsWith(ws.RunProgram("app/bin/Debug/app"), "app unset linux/");
    }

    [TestMethod]
    public void Build_WithNetStandardTasks_BuildsTheSameProgram()
    {
        // Visual Studio's MSBuild loads the netstandard2.0 tasks; this runs that build under dotnet.
        TestProject ws = TestProject.CreateHello(nameof(Build_WithNetStandardTasks_BuildsTheSameProgram));

        DotNetResult result = ws.Build("app/app.csproj", "-p:_GoBuildTasksFramework=netstandard2.0", "-v:diag").AssertSuccess();

        result.AssertOutputContains(Path.Combine("tasks", "netstandard2.0", "GoBuild.Tasks.dll"));
        StringAssert.StartsWith(ws.RunProgram("app/bin/Debug/app"), "app unset linux/");
    }

    [TestMethod]
    public void DesignTimeBuild_RunsNoGoAndSucceeds()
    {
        TestProject ws = TestProject.CreateHello(nameof(DesignTimeBuild_RunsNoGoAndSucceeds));
        CountingToolchain go = CountingToolchain.Create(ws.Root);

        ws.Build("app/app.csproj", "-p:DesignTimeBuild=true", "-p:GoToolchainRoot=" + go.Root).AssertSuccess();

        Assert.AreEqual(0, go.Invocations.Length, "a design-time build ran go");
        Assert.IsFalse(File.Exists(ws.PathOf("app/bin/Debug/app")));
    }
}
