using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// go.work workspaces (GoWorkspace): a module that uses a sibling through go.work, with no replace
/// line, restores, verifies and builds; the sibling's packages are inputs; nothing writes a sum file.
/// </summary>
[TestClass]
public sealed class WorkspaceTests
{
    private const string App = "app/app.csproj";

    [TestMethod]
    public void Build_InGoWorkWorkspace_UsesTheSiblingModule_RebuildsOnlyForWhatItReads_AndNoOpRunsNoGo()
    {
        string name = nameof(Build_InGoWorkWorkspace_UsesTheSiblingModule_RebuildsOnlyForWhatItReads_AndNoOpRunsNoGo);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), probeVariable: "GOWORK");
        TestProject ws = CreateWorkspace(name, go.Root);
        string[] sums = { "libs/go.sum" };
        string[] before = sums.Select(s => File.ReadAllText(ws.PathOf(s))).ToArray();

        ws.Build(App).AssertSuccess();
        Assert.AreEqual("libs says " + FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));
        CollectionAssert.AreEqual(before, sums.Select(s => File.ReadAllText(ws.PathOf(s))).ToArray(), "a sum file was written");
        Assert.IsFalse(File.Exists(ws.PathOf("go.work.sum")), "go.work.sum was written");
        // Every go ran in the workspace (restore on a copy of go.work under obj/, so go.work.sum stays the user's).
        Assert.IsTrue(
            go.Environments.All(e => e.EndsWith("GOWORK=" + ws.PathOf("go.work"), System.StringComparison.Ordinal) || e.EndsWith("GOWORK=" + ws.PathOf("app/obj/Debug/gobuild/modules/go.work"), System.StringComparison.Ordinal)),
            "a go ran outside the workspace:\n" + string.Join("\n", go.Environments));

        // No-op: no go, no task.
        int count = go.Invocations.Length;
        DotNetResult noOp = ws.Build(App, "-v:diag").AssertSuccess();
        Assert.AreEqual(count, go.Invocations.Length, "the no-op ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));
        noOp.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");

        // A package of the sibling module the build does not read is no input...
        ws.WriteFile("libs/unused/unused.go", "package unused\n\nfunc Nothing() {}\n");
        ws.Build(App).AssertSuccess();
        Assert.AreEqual(count, go.Invocations.Length, "an unread package of the workspace rebuilt:\n" + string.Join("\n", go.Invocations.Skip(count)));

        // ...one it reads is.
        ws.WriteFile("libs/greet/greet.go", LibSource("libs now says "));
        ws.Build(App).AssertSuccess();
        Assert.AreEqual("libs now says " + FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));
    }

    [TestMethod]
    public void Build_WithGoWorkspaceOff_IsModuleMode_AndAModuleOutsideUse_FailsWithGOB3022()
    {
        TestProject ws = CreateWorkspace(nameof(Build_WithGoWorkspaceOff_IsModuleMode_AndAModuleOutsideUse_FailsWithGOB3022), null);

        // Module mode: no module provides example.com/libs/greet then.
        DotNetResult off = ws.Build(App, "-p:GoWorkspace=off").AssertFailure();
        off.AssertOutputContains("example.com/libs/greet");

        ws.WriteFile("go.work", "go 1.22\n\nuse ./libs\n");
        DotNetResult notUsed = ws.Build(App).AssertFailure();
        string error = notUsed.AssertError("GOB3022");
        StringAssert.Contains(error, "'go work use ./app'");

        DotNetResult missing = ws.Build(App, "-p:GoWorkspace=../nope.work").AssertFailure();
        missing.AssertError("GOB3020", "'../nope.work'");
    }

    [TestMethod]
    public void BuildWithM_OfSolutionWith12GoProjectsOver3WorkspaceModules_BuildsEveryOne_AndItsNoOpRunsNoGo()
    {
        string name = nameof(BuildWithM_OfSolutionWith12GoProjectsOver3WorkspaceModules_BuildsEveryOne_AndItsNoOpRunsNoGo);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), probeVariable: "GOWORK");
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("go.work", "go 1.22\n\nuse (\n\t./a\n\t./b\n\t./c\n)\n");
        var solution = new System.Text.StringBuilder("<Solution>\n");
        foreach (string module in new[] { "a", "b", "c" })
        {
            ws.WriteFile($"{module}/go.mod", $"module example.com/{module}\n\ngo 1.22\n");
            ws.WriteFile($"{module}/shared/shared.go", $"package shared\n\n// Name names the module.\nfunc Name() string {{ return \"{module}\" }}\n");
            for (int i = 1; i <= 4; i++)
            {
                // Every command imports module a's package: one module's edit reaches the others through go.work.
                ws.WriteFile($"{module}/cmd/p{i}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/a/shared\"\n)\n\nfunc main() {{ fmt.Println(shared.Name(), \"{module}{i}\") }}\n");
                ws.WriteGoProject($"{module}/cmd/p{i}/{module}{i}.csproj", go.Root);
                solution.Append($"  <Project Path=\"{module}/cmd/p{i}/{module}{i}.csproj\" />\n");
            }
        }

        ws.WriteConsoleApp("app", "../a/cmd/p1/a1.csproj", "../c/cmd/p4/c4.csproj");
        solution.Append("  <Project Path=\"app/app.csproj\" />\n</Solution>\n");
        ws.WriteFile("all.slnx", solution.ToString());

        ws.Build("all.slnx", "-m").AssertSuccess();
        foreach (string module in new[] { "a", "b", "c" })
        {
            for (int i = 1; i <= 4; i++)
            {
                Assert.AreEqual($"a {module}{i}", ws.RunProgram($"{module}/cmd/p{i}/bin/Debug/{module}{i}"));
            }
        }

        Assert.AreEqual("a c4", ws.RunProgram("app/bin/Debug/net10.0/c4"));
        Assert.IsTrue(go.Environments.All(e => !e.EndsWith("GOWORK=off", System.StringComparison.Ordinal)), "a go ran outside the workspace");

        int count = go.Invocations.Length;
        ws.Build("all.slnx", "-m").AssertSuccess();
        Assert.AreEqual(count, go.Invocations.Length, "the no-op of the solution ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));
    }

    [TestMethod]
    public void Build_OfGoWorkVendorLayout_BuildsInVendorModeOffline_NoOpRunsNoGo_AndEditedModulesTxtReDecides()
    {
        string name = nameof(Build_OfGoWorkVendorLayout_BuildsInVendorModeOffline_NoOpRunsNoGo_AndEditedModulesTxtReDecides);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), probeVariable: "GOFLAGS");
        TestProject ws = CreateWorkspace(name, go.Root);

        // `go work vendor` as a developer runs it, with the proxy still there and a cache of its own.
        string setupCache = Path.Combine(E2E.RunRoot, name, "setup-modcache");
        ProcessResult vendor = ProcessResult.Run(
            Path.Combine(RepoPaths.GoRoot(E2E.DefaultGoVersion), "bin", "go"),
            new[] { "work", "vendor" },
            ws.Root,
            new System.Collections.Generic.Dictionary<string, string?>
            {
                ["GOROOT"] = null, ["GOTOOLCHAIN"] = "local", ["GOENV"] = "off", ["GOFLAGS"] = null, ["GOWORK"] = null,
                ["GOPROXY"] = new System.Uri(ws.PathOf("proxy")).AbsoluteUri, ["GOSUMDB"] = "off", ["GONOSUMDB"] = null,
                ["GOPRIVATE"] = null, ["GONOPROXY"] = null, ["GOMODCACHE"] = setupCache, ["GOCACHE"] = Path.Combine(E2E.RunRoot, name, "setup-gocache"),
            });
        Assert.AreEqual(0, vendor.ExitCode, "go work vendor failed: " + vendor.Output);
        FileModuleProxy.DeleteDirectory(setupCache);
        Assert.IsTrue(File.Exists(ws.PathOf("vendor/modules.txt")), "go work vendor wrote no vendor/modules.txt");

        // The proxy gone and the build's module cache empty: vendor/ is all there is.
        FileModuleProxy.DeleteDirectory(ws.PathOf("proxy"));
        FileModuleProxy.DeleteDirectory(ws.PathOf("modcache"));
        ws.DotNet("restore", App).AssertSuccess();
        ws.Build(App, "--no-restore").AssertSuccess();
        Assert.AreEqual("libs says " + FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));
        Assert.IsTrue(go.Count("build") > 0, "go build never ran:\n" + string.Join("\n", go.Invocations));
        Assert.IsFalse(go.Invocations.Any(i => i.StartsWith("mod download", System.StringComparison.Ordinal)), "restore downloaded in vendor mode:\n" + string.Join("\n", go.Invocations));
        Assert.IsTrue(go.Environments.All(e => e.EndsWith("GOFLAGS=-mod=vendor", System.StringComparison.Ordinal)), "a go ran outside vendor mode:\n" + string.Join("\n", go.Environments));
        Assert.IsFalse(Directory.Exists(ws.PathOf("modcache/cache/download")), "the build fetched modules");

        // No-op: no go, no task.
        int count = go.Invocations.Length;
        DotNetResult noOp = ws.Build(App, "--no-restore", "-v:diag").AssertSuccess();
        Assert.AreEqual(count, go.Invocations.Length, "the no-op ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));
        noOp.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");

        // An edited vendor/modules.txt re-decides and reaches go, which refuses the inconsistent tree.
        string modulesTxt = File.ReadAllText(ws.PathOf("vendor/modules.txt"));
        ws.WriteFile("vendor/modules.txt", modulesTxt.Replace(FileModuleProxy.V1, FileModuleProxy.V2));
        DotNetResult edited = ws.Build(App, "--no-restore").AssertFailure();
        Assert.IsTrue(go.Invocations.Length > count, "an edited vendor/modules.txt ran no go");
        edited.AssertOutputContains(FileModuleProxy.V2);

        // Put back, it builds again.
        ws.WriteFile("vendor/modules.txt", modulesTxt);
        ws.Build(App, "--no-restore").AssertSuccess();
        Assert.AreEqual("libs says " + FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));
    }

    [TestMethod]
    public void Restore_OfWorkspaceWhoseModulesRequireTwoVersions_ChecksWhatGoSelects_SoTheOlderNeedsNoContentAndNoGOB3005()
    {
        string name = nameof(Restore_OfWorkspaceWhoseModulesRequireTwoVersions_ChecksWhatGoSelects_SoTheOlderNeedsNoContentAndNoGOB3005);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = CreateWorkspace(name, go.Root);
        FileModuleProxy proxy = FileModuleProxy.Create(ws.PathOf("proxy"));

        // libs requires v1.0.0, app v1.1.0: go selects v1.1.0 for the workspace (MVS) and builds with it only.
        ws.WriteFile("app/go.mod", $"module example.com/app\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V2} // indirect\n");
        ws.WriteFile("app/go.sum", proxy.GoSumLines(FileModuleProxy.V2));

        ws.DotNet("restore", App).AssertSuccess();
        DotNetResult built = ws.Build(App, "--no-restore").AssertSuccess();
        built.AssertOutputDoesNotContain("GOB3005:");
        Assert.AreEqual("libs says " + FileModuleProxy.Greeting(FileModuleProxy.V2), ws.RunProgram("app/bin/Debug/app"));
        string download = ws.PathOf("modcache/cache/download/" + FileModuleProxy.ModulePath + "/@v/");
        Assert.IsTrue(File.Exists(download + FileModuleProxy.V2 + ".ziphash"), "the selected version was not downloaded");
        Assert.IsFalse(File.Exists(download + FileModuleProxy.V1 + ".zip"), "the unselected version's content was downloaded");
        Assert.AreEqual(1, go.Invocations.Count(i => i.StartsWith("mod download", System.StringComparison.Ordinal)), string.Join("\n", go.Invocations));

        // An edited go.mod makes the recorded selection stale: restore asks go again, and still only for v1.1.0.
        ws.WriteFile("libs/go.mod", File.ReadAllText(ws.PathOf("libs/go.mod")) + "\n// a comment\n");
        ws.DotNet("restore", App).AssertSuccess();
        ws.Build(App, "--no-restore").AssertSuccess().AssertOutputDoesNotContain("GOB3005:");
        Assert.IsFalse(File.Exists(download + FileModuleProxy.V1 + ".zip"), "the unselected version's content was downloaded");
    }

    private static string LibSource(string prefix) =>
        $"package greet\n\nimport \"example.test/greet\"\n\n// Message is what the app prints.\nfunc Message() string {{ return \"{prefix}\" + greet.Hello() }}\n";

    // ws/go.work uses ./libs (example.com/libs, which requires example.test/greet from a file:// proxy)
    // and ./app (example.com/app, which imports example.com/libs/greet: no require, no replace line,
    // as `go work use` leaves it; go builds that in the folder, and only in the workspace).
    /// <summary>
    /// The module root is found twice, for good reason: at evaluation (whether restore asks for
    /// GoRestore, dotnet watch's items of a project never built), before any task can run, and by the
    /// decision (GoModule.FindAbove), whose record every later target reads. Both find the same folder
    /// for a project below its module root, and the decision notices a go.mod that appears nearer.
    /// </summary>
    [TestMethod]
    public void ModuleRoot_OfAProjectBelowIt_IsTheSameAtEvaluationAndInTheDecision_AndANearerGoModReDecides()
    {
        TestProject ws = TestProject.Create(nameof(ModuleRoot_OfAProjectBelowIt_IsTheSameAtEvaluationAndInTheDecision_AndANearerGoModReDecides));
        ws.WriteFile("mod/go.mod", "module example.com/mod\n\ngo 1.22\n");
        ws.WriteFile("mod/cmd/app/main.go", "package main\n\nfunc main() {}\n");
        ws.WriteGoProject("mod/cmd/app/app.csproj");
        string[] roots = { "-t:GoEnsureToolchain", "-getProperty:_GoBuildEvaluationModuleRoot", "-getProperty:_GoBuildModuleRoot" };

        DotNetResult first = ws.DotNet("msbuild", "mod/cmd/app/app.csproj", roots).AssertSuccess();
        string expected = System.Text.Json.JsonSerializer.Serialize(ws.PathOf("mod") + Path.DirectorySeparatorChar);
        Assert.AreEqual(2, first.Output.Split(expected).Length - 1, "the evaluation and the decision disagree on the module root:\n" + first.Describe());

        ws.WriteFile("mod/cmd/app/go.mod", "module example.com/app\n\ngo 1.22\n");
        DotNetResult nearer = ws.DotNet("msbuild", "mod/cmd/app/app.csproj", roots).AssertSuccess();
        expected = System.Text.Json.JsonSerializer.Serialize(ws.PathOf("mod/cmd/app") + Path.DirectorySeparatorChar);
        Assert.AreEqual(2, nearer.Output.Split(expected).Length - 1, "a nearer go.mod did not re-decide the module root:\n" + nearer.Describe());
    }

    private static TestProject CreateWorkspace(string testName, string? goRoot)
    {
        TestProject ws = TestProject.Create(testName);
        FileModuleProxy proxy = FileModuleProxy.Create(ws.PathOf("proxy"));
        ws.WriteFile("go.work", "go 1.22\n\nuse (\n\t./app\n\t./libs\n)\n");
        ws.WriteFile("libs/go.mod", $"module example.com/libs\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V1}\n");
        ws.WriteFile("libs/go.sum", proxy.GoSumLines(FileModuleProxy.V1));
        ws.WriteFile("libs/greet/greet.go", LibSource("libs says "));
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/libs/greet\"\n)\n\nfunc main() { fmt.Println(greet.Message()) }\n");
        ws.WriteGoProject(App, goRoot, properties: $"""
            <GoModuleProxy>{SecurityElement.Escape(proxy.Url)}</GoModuleProxy>
            <GoPrivateModules>example.test,example.com</GoPrivateModules>
            <GoModuleCacheDir>{SecurityElement.Escape(ws.PathOf("modcache"))}</GoModuleCacheDir>
            """, items: """<GoEnvironment Include="GONOPROXY" Value="none" />""");
        return ws;
    }
}
