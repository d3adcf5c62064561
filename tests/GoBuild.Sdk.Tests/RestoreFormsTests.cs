using System;
using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// Modules come in during every restore the .NET SDK runs (project, solution, ProjectReference,
/// static graph), once per module root, and never during a design-time build.
/// </summary>
[TestClass]
public sealed class RestoreFormsTests
{
    private const string Solution = "ws.slnx";

    [TestMethod]
    public void StaticGraphRestore_OfSolutionWithTwoProjectsOfOneModule_DownloadsOnce_ThenBuildNeedsNoProxy()
    {
        (GreetApp app, CountingToolchain go) = CreateTwoProjectModule(nameof(StaticGraphRestore_OfSolutionWithTwoProjectsOfOneModule_DownloadsOnce_ThenBuildNeedsNoProxy));

        app.Workspace.DotNet("restore", Solution, "-p:RestoreUseStaticGraphEvaluation=true").AssertSuccess();
        Assert.AreEqual(1, Downloads(go), string.Join("\n", go.Invocations));

        // A second static-graph restore finds everything in place: no go at all.
        int before = go.Invocations.Length;
        app.Workspace.DotNet("restore", Solution, "-p:RestoreUseStaticGraphEvaluation=true").AssertSuccess();
        Assert.AreEqual(before, go.Invocations.Length, string.Join("\n", go.Invocations));

        FileModuleProxy.DeleteDirectory(app.Proxy.Directory);
        app.Workspace.Build(Solution, "--no-restore").AssertSuccess();
        Assert.AreEqual(FileModuleProxy.Greeting(FileModuleProxy.V1), app.Workspace.RunProgram("app/bin/Debug/app"));
        Assert.AreEqual("other " + FileModuleProxy.Greeting(FileModuleProxy.V1), app.Workspace.RunProgram("app/other/bin/Debug/other"));
    }

    [TestMethod]
    public void Restore_OfSolution_DownloadsOncePerModuleRoot()
    {
        (GreetApp app, CountingToolchain go) = CreateTwoProjectModule(nameof(Restore_OfSolution_DownloadsOncePerModuleRoot));

        app.Workspace.DotNet("restore", Solution).AssertSuccess();

        Assert.AreEqual(1, Downloads(go), string.Join("\n", go.Invocations));
    }

    [TestMethod]
    public void Restore_OfCSharpAppThroughProjectReference_DownloadsOnce_ThenGraphIsolateBuildWorks()
    {
        string name = nameof(Restore_OfCSharpAppThroughProjectReference_DownloadsOnce_ThenGraphIsolateBuildWorks);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);
        WriteCSharpApp(app.Workspace, "../app/app.csproj");

        app.Workspace.DotNet("restore", "host/host.csproj", "-p:RestoreUseStaticGraphEvaluation=true").AssertSuccess();
        Assert.AreEqual(1, Downloads(go), string.Join("\n", go.Invocations));

        // Graph isolation forbids the <MSBuild> calls of a restore, not those of a build after it.
        FileModuleProxy.DeleteDirectory(app.Proxy.Directory);
        app.Workspace.Build("host/host.csproj", "--no-restore", "-graph", "-isolate").AssertSuccess();
        Assert.AreEqual(FileModuleProxy.Greeting(FileModuleProxy.V1), app.Workspace.RunProgram("host/bin/Debug/net10.0/app"));
    }

    [TestMethod]
    public void Restore_OfProjectAndThroughProjectReference_Downloads()
    {
        string name = nameof(Restore_OfProjectAndThroughProjectReference_Downloads);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);
        WriteCSharpApp(app.Workspace, "../app/app.csproj");

        app.Restore().AssertSuccess();
        Assert.AreEqual(1, Downloads(go), string.Join("\n", go.Invocations));

        // Another module cache: the referencing app's restore fills it, through the reference.
        E2E.TryDelete(app.ModuleCache);
        app.Workspace.DotNet("restore", "host/host.csproj").AssertSuccess();
        Assert.AreEqual(2, Downloads(go), string.Join("\n", go.Invocations));
    }

    [TestMethod]
    public void DesignTimeRestore_DownloadsNothing_ThenBuildReportsGOB3005WithTheCommand()
    {
        string name = nameof(DesignTimeRestore_DownloadsNothing_ThenBuildReportsGOB3005WithTheCommand);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);

        // What Visual Studio's restore runs of a project: its Collect targets in a design-time build.
        app.Workspace.DotNet("restore", GreetApp.Project, "-p:DesignTimeBuild=true").AssertSuccess();
        app.Workspace.DotNet("msbuild", GreetApp.Project, "-t:CollectPackageReferences;CollectPackageDownloads", "-p:DesignTimeBuild=true").AssertSuccess();
        Assert.AreEqual(0, Downloads(go), string.Join("\n", go.Invocations));

        DotNetResult build = app.Build("--no-restore").AssertFailure();
        string error = build.AssertError("GOB3005", GreetApp.Greet);
        StringAssert.Contains(error, "dotnet restore");
        build.AssertOutputDoesNotContain("GOB2001");
    }

    [TestMethod]
    public void Build_AfterTheCacheHomeMoves_DownloadsIntoTheNewCache_AndWithoutRestoreSaysGOB3005()
    {
        string name = nameof(Build_AfterTheCacheHomeMoves_DownloadsIntoTheNewCache_AndWithoutRestoreSaysGOB3005);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root, moduleCache: string.Empty);
        TestProject ws = app.Workspace;

        ws.Environment["XDG_CACHE_HOME"] = ws.PathOf("home-a");
        app.Build().AssertSuccess();
        Assert.AreEqual(1, Downloads(go), string.Join("\n", go.Invocations));

        // Another user, another CI home, a cleaned cache: the same project, an empty module cache.
        ws.Age("app/main.go");
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.test/greet\"\n)\n\nfunc main() { fmt.Println(\"b:\", greet.Hello()) }\n");
        ws.Environment["XDG_CACHE_HOME"] = ws.PathOf("home-b");
        app.Build().AssertSuccess();
        Assert.AreEqual(2, Downloads(go), string.Join("\n", go.Invocations));
        Assert.IsTrue(Directory.Exists(ws.PathOf("home-b/gobuild/mod/cache/download/example.test/greet")), "restore did not fill the new cache");
        Assert.AreEqual("b: " + FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));

        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.test/greet\"\n)\n\nfunc main() { fmt.Println(\"c:\", greet.Hello()) }\n");
        ws.Environment["XDG_CACHE_HOME"] = ws.PathOf("home-c");
        DotNetResult noRestore = app.Build("--no-restore").AssertFailure();
        string error = noRestore.AssertError("GOB3005", GreetApp.Greet);
        StringAssert.Contains(error, "dotnet restore");
        noRestore.AssertOutputDoesNotContain("GOB2001");
    }

    // The greet app plus a second project of the same module (app/other), and a solution of both.
    private static (GreetApp App, CountingToolchain Go) CreateTwoProjectModule(string name)
    {
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);
        TestProject ws = app.Workspace;
        ws.WriteFile("app/other/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.test/greet\"\n)\n\nfunc main() { fmt.Println(\"other\", greet.Hello()) }\n");
        string project = File.ReadAllText(ws.PathOf(GreetApp.Project));
        ws.WriteFile("app/other/other.csproj", project);
        ws.WriteFile(Solution, "<Solution>\n  <Project Path=\"app/app.csproj\" />\n  <Project Path=\"app/other/other.csproj\" />\n</Solution>\n");
        return (app, go);
    }

    private static void WriteCSharpApp(TestProject ws, string goReference)
    {
        ws.WriteConsoleApp("host", goReference);
    }

    private static int Downloads(CountingToolchain go) => go.Invocations.Count(l => l.StartsWith("mod download", StringComparison.Ordinal));
}
