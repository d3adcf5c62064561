using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>The core budget across the projects of one `dotnet build -m`.</summary>
[TestClass]
public sealed class CoreBudgetTests
{
    private const string Solution = "ws.slnx";

    [TestMethod]
    public void ParallelBuild_OfProjectsSharingABuildCache_CompilesEachPackageOnce_AsASerialBuildDoes()
    {
        string name = nameof(ParallelBuild_OfProjectsSharingABuildCache_CompilesEachPackageOnce_AsASerialBuildDoes);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), countCompiles: true);
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("go.mod", "module example.com/par\n\ngo 1.22\n");
        string[] commands = { "a", "b", "c" };
        foreach (string command in commands)
        {
            // Each command shares fmt and encoding/json (and all below them) with the others.
            ws.WriteFile($"cmd/{command}/main.go", $"package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n)\n\nfunc main() {{ b, _ := json.Marshal(\"{command}\"); fmt.Println(string(b)) }}\n");
            ws.WriteGoProject($"cmd/{command}/{command}.csproj", go.Root);
        }

        ws.WriteFile(Solution, "<Solution>\n" + string.Concat(commands.Select(c => $"  <Project Path=\"cmd/{c}/{c}.csproj\" />\n")) + "</Solution>\n");

        // One project at a time, on a cold cache: each package is compiled once by construction.
        ws.Build(Solution, "-m:1", "-p:GoBuildCacheDir=" + ws.PathOf("cache-serial")).AssertSuccess();
        int serial = go.Compiles.Length;
        Assert.IsTrue(serial > 10, string.Join("\n", go.Compiles));

        // All at once, on another cold cache: the go builds take the cache in turn, so none compiles
        // what another one is compiling (go shares no work in flight between processes).
        DotNetResult parallel = ws.Build(Solution, "-m:3", "--no-incremental", "-v:n", "-p:GoBuildCacheDir=" + ws.PathOf("cache-parallel")).AssertSuccess();
        Assert.AreEqual(serial, go.Compiles.Length - serial, "compiles of the parallel build beyond the serial build's:\n" + parallel.Describe());
        foreach (string command in commands)
        {
            Assert.AreEqual($"\"{command}\"", ws.RunProgram($"cmd/{command}/bin/Debug/{command}"));
        }
    }
}
