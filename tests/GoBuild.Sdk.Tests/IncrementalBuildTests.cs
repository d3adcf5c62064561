using System;
using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// A no-op build runs no go process and loads no task; every change that can alter the binary
/// runs go again. The module has its command in cmd/tool and a package at the root, so edits
/// outside the project folder are covered too.
/// </summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    private const string Project = "mod/cmd/tool/tool.csproj";
    private const string Program = "mod/cmd/tool/bin/Debug/tool";

    // What MSBuild logs at diagnostic verbosity when it loads the task assembly.
    private const string TaskAssemblyLoaded = "Assembly loaded during TaskRun: GoBuild.Tasks";

    [TestMethod]
    public void Build_Twice_SecondBuildRunsNoGoAndLoadsNoTask()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_Twice_SecondBuildRunsNoGoAndLoadsNoTask));
        DateTime written = File.GetLastWriteTimeUtc(ws.PathOf(Program));
        var stampTimes = Directory.GetFiles(ws.PathOf("mod/cmd/tool/obj"), "*.stamp", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        DotNetResult second = ws.Build(Project, "-v:diag").AssertSuccess();

        Assert.AreEqual(0, go.Invocations.Length, "go ran on a no-op build: " + string.Join("; ", go.Invocations));
        second.AssertOutputContains("Skipping target \"_GoBuildCompile\" because all output files are up-to-date");
        second.AssertOutputDoesNotContain(TaskAssemblyLoaded);
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(ws.PathOf(Program)), "a no-op build touched the output");
        // Stamps written after the output in the first build (the supply chain's, which runs after the
        // compile) are fine; what a no-op build must not do is write any of them again.
        foreach (string stamp in Directory.GetFiles(ws.PathOf("mod/cmd/tool/obj"), "*.stamp", SearchOption.AllDirectories))
        {
            Assert.IsTrue(stampTimes.TryGetValue(stamp, out DateTime before), "a no-op build wrote a new stamp " + stamp);
            Assert.AreEqual(before, File.GetLastWriteTimeUtc(stamp), "a no-op build rewrote " + stamp);
        }

        // The same check sees the task when a build does need it.
        ws.WriteFile("mod/greet/message.go", "package greet\n\nvar message = \"changed\"\n");
        ws.Build(Project, "-v:diag").AssertSuccess().AssertOutputContains(TaskAssemblyLoaded);
    }

    [TestMethod]
    public void Build_AfterEditingImportedPackageOutsideProjectFolder_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterEditingImportedPackageOutsideProjectFolder_Rebuilds));

        ws.WriteFile("mod/greet/message.go", "package greet\n\nvar message = \"edited\"\n");
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
        Assert.AreEqual("edited", ws.RunProgram(Program));
    }

    [TestMethod]
    public void Build_AfterAddingGoFileToImportedPackage_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterAddingGoFileToImportedPackage_Rebuilds));
        ws.WriteFile("mod/greet/message.go", "package greet\n\nvar message = suffix()\n");
        ws.WriteFile("mod/greet/extra.go", "package greet\n\nfunc suffix() string { return \"from a new file\" }\n");
        ws.Age("mod/greet/message.go", "mod/greet/extra.go");

        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
        Assert.AreEqual("from a new file", ws.RunProgram(Program));
    }

    [TestMethod]
    public void Build_AfterDeletingGoFile_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(
            nameof(Build_AfterDeletingGoFile_Rebuilds),
            extraFile: ("mod/greet/override.go", "//go:build !nooverride\n\npackage greet\n\nfunc init() { message = \"overridden\" }\n"));
        Assert.AreEqual("overridden", ws.RunProgram(Program));

        File.Delete(ws.PathOf("mod/greet/override.go"));
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
        Assert.AreEqual("hello from greet", ws.RunProgram(Program));
    }

    [TestMethod]
    public void Build_AfterEditingEmbeddedFile_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterEditingEmbeddedFile_Rebuilds));

        ws.WriteFile("mod/greet/assets/banner.txt", "new banner");
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
        Assert.AreEqual("hello from greet", ws.RunProgram(Program));
        Assert.AreEqual("new banner", ws.RunProgram(Program, "banner"));
    }

    [TestMethod]
    public void Build_AfterAddingFileToEmbeddedFolder_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterAddingFileToEmbeddedFolder_Rebuilds));

        ws.WriteFile("mod/greet/assets/more/second.txt", "second");
        ws.Age("mod/greet/assets/more/second.txt");
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
    }

    [TestMethod]
    public void Build_AfterEditingGoMod_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterEditingGoMod_Rebuilds));

        ws.WriteFile("mod/go.mod", "module example.com/mod\n\ngo 1.23\n");
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
    }

    [TestMethod]
    public void Build_AfterCreatingGoSum_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterCreatingGoSum_Rebuilds));

        ws.WriteFile("mod/go.sum", string.Empty);
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
    }

    [TestMethod]
    [DataRow("-p:GoTags=extra", DisplayName = "tags")]
    [DataRow("-p:GoLdFlags=-s", DisplayName = "ldflags")]
    [DataRow("-p:GoStrip=true", DisplayName = "strip")]
    [DataRow("-p:GoTrimPath=false", DisplayName = "trimpath")]
    [DataRow("-p:GoBuildMode=pie", DisplayName = "build mode")]
    [DataRow("-p:Version=9.9.9", DisplayName = "linker variable")]
    public void Build_AfterChangingBuildProperty_Rebuilds(string property)
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterChangingBuildProperty_Rebuilds) + property.GetHashCode().ToString("x"));

        ws.Build(Project, property).AssertSuccess();
        Assert.AreEqual(1, go.Count("build"), "changing " + property + " did not rebuild");

        ws.Build(Project, property).AssertSuccess();
        Assert.AreEqual(1, go.Count("build"), "the same " + property + " rebuilt again");
    }

    [TestMethod]
    public void Build_AfterChangingToolchain_RebuildsWithThatToolchain()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterChangingToolchain_RebuildsWithThatToolchain));
        CountingToolchain older = CountingToolchain.Create(Path.Combine(ws.Root, "older"), "1.22.12");

        ws.Build(Project, "-p:GoToolchainRoot=" + older.Root).AssertSuccess();

        Assert.AreEqual(0, go.Invocations.Length);
        Assert.AreEqual(1, older.Count("build"));
        string version = GoTool.VersionOf(ws.PathOf(Program));
        StringAssert.Contains(version, "go1.22.12");
    }

    [TestMethod]
    public void Build_AfterDeletingOutput_Rebuilds()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterDeletingOutput_Rebuilds));

        File.Delete(ws.PathOf(Program));
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(1, go.Count("build"));
        Assert.AreEqual("hello from greet", ws.RunProgram(Program));
    }

    [TestMethod]
    public void Build_AfterEditingUnrelatedFileOutsideImportGraph_DoesNotRunGo()
    {
        (TestProject ws, CountingToolchain go) = BuiltModule(nameof(Build_AfterEditingUnrelatedFileOutsideImportGraph_DoesNotRunGo));

        ws.WriteFile("mod/unused/unused.go", "package unused\n\nfunc X() {}\n");
        ws.Build(Project).AssertSuccess();

        Assert.AreEqual(0, go.Invocations.Length);
    }

    /// <summary>
    /// A module with cmd/tool importing greet (which embeds assets/), built once, then built again
    /// to prove it is up to date; the counting toolchain's log is cleared before returning.
    /// </summary>
    private static (TestProject, CountingToolchain) BuiltModule(string name, (string Path, string Content)? extraFile = null)
    {
        TestProject ws = TestProject.Create(name);
        CountingToolchain go = CountingToolchain.Create(ws.Root);
        ws.WriteFile("mod/go.mod", "module example.com/mod\n\ngo 1.22\n");
        ws.WriteFile("mod/greet/greet.go", """
            package greet

            import "embed"

            //go:embed assets
            var assets embed.FS

            func Hello() string { return message }

            func Banner() string { b, _ := assets.ReadFile("assets/banner.txt"); return string(b) }
            """);
        ws.WriteFile("mod/greet/message.go", "package greet\n\nvar message = \"hello from greet\"\n");
        ws.WriteFile("mod/greet/assets/banner.txt", "old banner");
        ws.WriteFile("mod/cmd/tool/main.go", """
            package main

            import (
            	"fmt"
            	"os"

            	"example.com/mod/greet"
            )

            var version = "unset"

            func main() {
            	if len(os.Args) > 1 && os.Args[1] == "banner" {
            		fmt.Print(greet.Banner())
            		return
            	}
            	fmt.Println(greet.Hello())
            }
            """);
        if (extraFile is { } extra)
        {
            ws.WriteFile(extra.Path, extra.Content);
        }

        ws.WriteGoProject(
            "mod/cmd/tool/tool.csproj",
            go.Root,
            items: """<GoLinkerVariable Include="main.version" Value="$(Version)" />""");

        // Sources older than any output, so an edit in the test is newer than the output however
        // coarse the file system's clock is.
        foreach (string file in Directory.GetFiles(ws.PathOf("mod"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-10));
        }

        ws.Build(Project).AssertSuccess();
        Assert.AreEqual(1, go.Count("build"), "first build");
        ws.Build(Project).AssertSuccess();
        Assert.AreEqual(1, go.Count("build"), "second build was not a no-op");
        File.Delete(go.LogFile);
        return (ws, go);
    }
}
