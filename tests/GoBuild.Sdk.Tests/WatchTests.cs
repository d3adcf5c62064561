using System;
using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// dotnet watch of a C# app that references a Go project: the Go files are in the watched set
/// (through the ProjectReference), and an edit to one rebuilds the Go program and restarts the app.
/// </summary>
[TestClass]
public sealed class WatchTests
{
    // Generous: the machine may be running several builds at once; the test polls, so a fast
    // machine does not wait for them.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan s_restartTimeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    public void DotNetWatchRun_OfAppReferencingGoProject_AfterGoEdit_RebuildsAndRestartsWithTheNewProgram()
    {
        TestProject ws = TestProject.Create(nameof(DotNetWatchRun_OfAppReferencingGoProject_AfterGoEdit_RebuildsAndRestartsWithTheNewProgram));
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", GoMain("first"));
        ws.WriteGoProject("app/app.csproj");
        ws.WriteFile("csapp/csapp.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="../app/app.csproj" /></ItemGroup>
            </Project>
            """);
        // Runs the Go program that the reference copied next to it, then stays up like a server.
        ws.WriteFile("csapp/Program.cs", """
            using System.Diagnostics;
            var start = new ProcessStartInfo(System.IO.Path.Combine(System.AppContext.BaseDirectory, "app")) { RedirectStandardOutput = true };
            using (Process go = Process.Start(start)!)
            {
                System.Console.WriteLine("GO SAYS: " + go.StandardOutput.ReadToEnd().Trim());
            }

            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            """);

        // Build once first, so that dotnet watch's own first build has little to do.
        ws.DotNet("build", "csapp/csapp.csproj", Array.Empty<string>(), s_startTimeout, onStarted: null).AssertSuccess();

        // --no-hot-reload: dotnet watch rebuilds and restarts on a change to any watched file; with
        // hot reload it applies only managed code changes (docs/properties.md, "dotnet watch").
        using RunningProcess watch = RunningProcess.Start(
            "dotnet",
            new[] { "watch", "--verbose", "--no-hot-reload", "run", "--project", ws.PathOf("csapp/csapp.csproj") },
            ws.Root,
            ws.DotNetEnvironment());

        int started = watch.WaitForOutput("GO SAYS: go says first", s_startTimeout);
        Assert.IsTrue(started > 0, "dotnet watch did not start the app:\n" + watch.Output);
        StringAssert.Contains(watch.Output, "Watching", "dotnet watch evaluated no file set:\n" + watch.Output);

        ws.WriteFile("app/main.go", GoMain("second"));
        File.SetLastWriteTimeUtc(ws.PathOf("app/main.go"), DateTime.UtcNow);

        int restarted = watch.WaitForOutput("GO SAYS: go says second", s_restartTimeout, started);
        Assert.IsTrue(restarted > 0, "dotnet watch did not rebuild the Go program and restart the app after main.go changed:\n" + watch.Output);
        StringAssert.Contains(watch.Output.Substring(started), "main.go", "the restart was not caused by main.go:\n" + watch.Output);
    }

    /// <summary>
    /// dotnet watch's items follow the workspace decision's record, not a search of their own: with
    /// GoWorkspace=off no go.work and no other module of the workspace is watched; by default (the
    /// go.work above) go.work and every module it uses are.
    /// </summary>
    [TestMethod]
    public void DotNetWatchItems_WithGoWorkspaceOff_HoldNoWorkspaceFile_AndByDefault_HoldEveryModuleOfTheWorkspace()
    {
        TestProject ws = TestProject.Create(nameof(DotNetWatchItems_WithGoWorkspaceOff_HoldNoWorkspaceFile_AndByDefault_HoldEveryModuleOfTheWorkspace));
        ws.WriteFile("go.work", "go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n");
        ws.WriteFile("lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        ws.WriteFile("lib/lib.go", "package lib\n\n// N is one.\nfunc N() int { return 1 }\n");
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", GoMain("alone"));
        ws.WriteGoProject("app/app.csproj");

        ws.Build("app/app.csproj", "-p:GoWorkspace=off").AssertSuccess();
        DotNetResult off = ws.DotNet("msbuild", "app/app.csproj", "-p:DotNetWatchBuild=true", "-p:GoWorkspace=off", "-getItem:Watch").AssertSuccess();
        off.AssertOutputContains(ws.PathOf("app/main.go"));
        off.AssertOutputContains(ws.PathOf("app/go.mod"));
        off.AssertOutputDoesNotContain(ws.PathOf("go.work"));
        off.AssertOutputDoesNotContain(ws.PathOf("lib/lib.go"));

        ws.Build("app/app.csproj").AssertSuccess();
        DotNetResult auto = ws.DotNet("msbuild", "app/app.csproj", "-p:DotNetWatchBuild=true", "-getItem:Watch").AssertSuccess();
        auto.AssertOutputContains(ws.PathOf("go.work"));
        auto.AssertOutputContains(ws.PathOf("lib/lib.go"));
        auto.AssertOutputContains(ws.PathOf("lib/go.mod"));
        auto.AssertOutputContains(ws.PathOf("app/main.go"));
    }

    private static string GoMain(string word) => $$"""
        package main

        import "fmt"

        func main() { fmt.Println("go says {{word}}") }
        """;
}
