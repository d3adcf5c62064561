using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>Modules come in during `dotnet restore`; `dotnet build` itself needs no network.</summary>
[TestClass]
public sealed class ModuleRestoreTests
{
    [TestMethod]
    public void RestoreOfSolution_ThenBuildWithProxyGone_BuildsFromCacheAndNoOpRunsNoGoNorTask()
    {
        string name = nameof(RestoreOfSolution_ThenBuildWithProxyGone_BuildsFromCacheAndNoOpRunsNoGoNorTask);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);
        app.Workspace.WriteFile("ws.slnx", "<Solution>\n  <Project Path=\"app/app.csproj\" />\n</Solution>\n");

        // A solution's restore reaches the project through NuGet's restore graph, not its Restore target.
        app.Restore("ws.slnx").AssertSuccess();
        Assert.AreEqual(1, go.Count("mod"), string.Join("\n", go.Invocations));
        FileModuleProxy.DeleteDirectory(app.Proxy.Directory);

        app.Build("--no-restore").AssertSuccess();
        Assert.AreEqual(FileModuleProxy.Greeting(FileModuleProxy.V1), app.Workspace.RunProgram("app/bin/Debug/app"));

        int before = go.Invocations.Length;
        DotNetResult noOp = app.Build("-v:diag").AssertSuccess();
        Assert.AreEqual(before, go.Invocations.Length, "A no-op build, restore included, ran go:\n" + string.Join("\n", go.Invocations));
        noOp.AssertOutputContains("Skipping target \"_GoBuildMarkRestoreStale\" because all output files are up-to-date");
        noOp.AssertOutputContains("Skipping target \"_GoBuildVerifyModules\" because all output files are up-to-date");
        noOp.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");

        // A module missing from the cache (never restored, or the cache was wiped) is a clear error.
        DotNetResult missing = app.Build("--no-restore", "-p:GoModuleCacheDir=" + app.Workspace.PathOf("empty-cache")).AssertFailure();
        string error = missing.AssertError("GOB3005", GreetApp.Greet);
        StringAssert.Contains(error, "dotnet restore");
    }

    [TestMethod]
    public void Restore_WhenNothingItDependsOnChanged_RunsNoneOfItsChain_AndAWipedCacheAChangedSettingOrForceRunItAgain()
    {
        string name = nameof(Restore_WhenNothingItDependsOnChanged_RunsNoneOfItsChain_AndAWipedCacheAChangedSettingOrForceRunItAgain);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        GreetApp app = GreetApp.Create(name, goRoot: go.Root);
        TestProject ws = app.Workspace;
        app.Restore().AssertSuccess();
        Assert.AreEqual(1, go.Count("mod download"), string.Join("\n", go.Invocations));

        // Nothing changed: restore's own check stands in for both decisions, the module inputs and the download.
        DotNetResult again = ws.DotNet("restore", GreetApp.Project, "-v:d").AssertSuccess();
        again.AssertOutputContains("Skipping target \"_GoBuildMarkRestoreStale\" because all output files are up-to-date");
        again.AssertOutputDoesNotContain("Target \"_GoBuildWriteBuildSettings\"");
        again.AssertOutputDoesNotContain("Target \"_GoBuildCollectModuleInputs\"");
        again.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");
        Assert.AreEqual(1, go.Count("mod download"), string.Join("\n", go.Invocations));

        // A wiped module cache: a file the last restore relied on is gone, so it downloads again.
        FileModuleProxy.DeleteDirectory(app.ModuleCache);
        app.Restore().AssertSuccess();
        Assert.AreEqual(2, go.Count("mod download"), string.Join("\n", go.Invocations));
        app.Build("--no-restore").AssertSuccess();
        Assert.AreEqual(FileModuleProxy.Greeting(FileModuleProxy.V1), ws.RunProgram("app/bin/Debug/app"));

        // A changed setting runs the decisions again, and a bad one is refused before go runs, every time.
        for (int i = 0; i < 2; i++)
        {
            ws.DotNet("restore", GreetApp.Project, "-p:GoTrimPath=yes").AssertFailure().AssertError("GOB2004", "GoTrimPath");
        }

        Assert.AreEqual(2, go.Count("mod download"), string.Join("\n", go.Invocations));
        DotNetResult back = ws.DotNet("restore", GreetApp.Project, "-v:d").AssertSuccess();
        back.AssertOutputContains("Target \"_GoBuildCollectModuleInputs\"");
        back.AssertOutputContains("Skipping target \"_GoBuildDownloadModules\" because all output files are up-to-date");

        // A deleted go.sum is noticed, and so is one that appears where the last restore found none.
        string goSum = File.ReadAllText(app.GoSumPath);
        File.Delete(app.GoSumPath);
        ws.DotNet("restore", GreetApp.Project, "-v:d").AssertSuccess().AssertOutputContains("Target \"_GoBuildCollectModuleInputs\"");
        File.WriteAllText(app.GoSumPath, goSum);
        ws.DotNet("restore", GreetApp.Project, "-v:d").AssertSuccess().AssertOutputContains("Target \"_GoBuildCollectModuleInputs\"");
        ws.DotNet("restore", GreetApp.Project, "-v:d").AssertSuccess()
            .AssertOutputContains("Skipping target \"_GoBuildMarkRestoreStale\" because all output files are up-to-date");

        // A forced restore runs the download, whatever the check says (it finds every module in the cache).
        ws.DotNet("restore", GreetApp.Project, "--force", "-v:n").AssertSuccess()
            .AssertOutputContains("every required module is in the module cache");
    }

    [TestMethod]
    public void Build_WithGoSumHashEdited_FailsInItsImplicitRestoreWithGOB3004AndGoSecurityError()
    {
        FileModuleProxy proxy = FileModuleProxy.Create(Path.Combine(E2E.RunRoot, "proxy-" + nameof(Build_WithGoSumHashEdited_FailsInItsImplicitRestoreWithGOB3004AndGoSecurityError)));
        string goSum = proxy.GoSumLines(FileModuleProxy.V1).Replace(proxy.ContentHash(FileModuleProxy.V1), "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        GreetApp app = GreetApp.Create(nameof(Build_WithGoSumHashEdited_FailsInItsImplicitRestoreWithGOB3004AndGoSecurityError), proxy, goSum);

        DotNetResult result = app.Build().AssertFailure();

        result.AssertError("GOB3004", GreetApp.Greet);
        result.AssertOutputContains("SECURITY ERROR");
    }

    [TestMethod]
    public void Build_WithAmbientGoVariables_IgnoresThem()
    {
        // go.sum lacks the content hash: with the ambient -mod=mod honoured, go would add it.
        FileModuleProxy proxy = FileModuleProxy.Create(Path.Combine(E2E.RunRoot, "proxy-" + nameof(Build_WithAmbientGoVariables_IgnoresThem)));
        string goModLineOnly = proxy.GoSumLines(FileModuleProxy.V1).Split('\n')[1] + "\n";
        GreetApp app = GreetApp.Create(nameof(Build_WithAmbientGoVariables_IgnoresThem), proxy, goModLineOnly);
        app.Workspace.Environment["GOFLAGS"] = "-mod=mod";
        app.Workspace.Environment["GOPROXY"] = "off";
        app.Workspace.Environment["GOSUMDB"] = "off";
        app.Workspace.Environment["GONOSUMDB"] = "*";
        app.Workspace.Environment["GOINSECURE"] = "*";

        DotNetResult result = app.Build().AssertFailure();

        // Restore downloaded despite GOPROXY=off; the build kept go.sum read-only despite -mod=mod.
        result.AssertError("GOB3003", "module content hash of " + GreetApp.Greet);
        result.AssertOutputDoesNotContain("GOB3008");
        result.AssertOutputDoesNotContain("GOB3010");
    }
}
