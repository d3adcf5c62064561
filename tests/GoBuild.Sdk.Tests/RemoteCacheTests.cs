using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>GoCacheProg: go's build cache kept by a GOCACHEPROG program, shared between machines.</summary>
[TestClass]
public sealed class RemoteCacheTests
{
    [TestMethod]
    public void SecondCloneColdBuild_WithSharedCacheProgram_HitsTheRemote_CompilesNothing_AndWritesIdenticalOutput()
    {
        string name = nameof(SecondCloneColdBuild_WithSharedCacheProgram_HitsTheRemote_CompilesNothing_AndWritesIdenticalOutput);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), countCompiles: true);
        string remote = Path.Combine(E2E.RunRoot, name, "shared remote");

        // Two machines: the same sources in other folders (with spaces), each with its own local
        // build cache, program folder and stats; only the remote is shared.
        TestProject first = CreateClone(name, "clone one", go, remote);
        TestProject second = CreateClone(name, "clone two", go, remote);

        first.Build("app/app.csproj").AssertSuccess();
        int compilesOfFirst = go.Compiles.Length;
        Assert.IsTrue(compilesOfFirst > 10, "The first clone's cold build compiled only " + compilesOfFirst + " packages: its cache was not cold.");
        Assert.IsTrue(CacheProgram.Counts(first.PathOf("stats")).Puts > 0, "The first build put nothing into the cache program.");

        DotNetResult build = second.Build("app/app.csproj").AssertSuccess();

        (int hits, int misses, _) = CacheProgram.Counts(second.PathOf("stats"));
        Assert.IsTrue(hits >= 0.95 * (hits + misses), $"{hits} hits, {misses} misses. " + build.Describe());
        Assert.AreEqual(compilesOfFirst, go.Compiles.Length, "The second clone compiled:\n" + string.Join("\n", go.Compiles.Skip(compilesOfFirst)));
        CollectionAssert.AreEqual(File.ReadAllBytes(first.PathOf("app/bin/Debug/app")), File.ReadAllBytes(second.PathOf("app/bin/Debug/app")));
        Assert.AreEqual("app: HELLO, {\"n\":42}", second.RunProgram("app/bin/Debug/app"));

        // go keeps some data in GOCACHE even with a cache program: it stays the clone's own folder.
        Assert.IsTrue(Directory.Exists(second.PathOf("gocache")), "GOCACHE was not the clone's GoBuildCacheDir");
    }

    private static TestProject CreateClone(string testName, string folder, CountingToolchain go, string remote)
    {
        TestProject ws = TestProject.Create(testName, folder);
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/internal/shout/shout.go", "package shout\n\nimport \"strings\"\n\n// Up shouts.\nfunc Up(s string) string { return strings.ToUpper(s) }\n");
        ws.WriteFile("app/internal/wire/wire.go", "package wire\n\nimport \"encoding/json\"\n\n// Encode writes n as JSON.\nfunc Encode(n int) string {\n\tb, _ := json.Marshal(map[string]int{\"n\": n})\n\treturn string(b)\n}\n");
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/internal/shout\"\n\t\"example.com/app/internal/wire\"\n)\n\nfunc main() { fmt.Printf(\"app: %s, %s\\n\", shout.Up(\"hello\"), wire.Encode(42)) }\n");
        string program = CacheProgram.CommandLine(remote, ws.PathOf("cacheprog local"), ws.PathOf("stats"));
        ws.WriteGoProject("app/app.csproj", go.Root, properties: $"""
            <GoBuildCacheDir>{SecurityElement.Escape(ws.PathOf("gocache"))}</GoBuildCacheDir>
            <GoCacheProg>{SecurityElement.Escape(program)}</GoCacheProg>
            """);
        return ws;
    }
}
