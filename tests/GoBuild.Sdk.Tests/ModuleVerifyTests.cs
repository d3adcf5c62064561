using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>GoVerifyModules fails the build before compiling, with one code per kind of fault.</summary>
[TestClass]
public sealed class ModuleVerifyTests
{
    private static FileModuleProxy s_proxy = null!;
    private static string s_restoredCache = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        string root = Path.Combine(E2E.RunRoot, nameof(ModuleVerifyTests));
        s_proxy = FileModuleProxy.Create(Path.Combine(root, "proxy"));
        s_restoredCache = Path.Combine(root, "restored-cache");
        s_proxy.Download(s_restoredCache, FileModuleProxy.V1);
    }

    [TestMethod]
    public void Build_WithoutGoSum_FailsWithGOB3002NamingTheRequirement()
    {
        GreetApp app = GreetApp.Create(nameof(Build_WithoutGoSum_FailsWithGOB3002NamingTheRequirement), s_proxy, goSum: string.Empty, moduleCache: s_restoredCache);

        app.Build().AssertFailure().AssertError("GOB3002", GreetApp.Greet);
    }

    [TestMethod]
    public void Build_WithGoSumEntryRemoved_FailsWithGOB3003NamingTheModule()
    {
        string goModLineOnly = s_proxy.GoSumLines(FileModuleProxy.V1).Split('\n')[1] + "\n";
        GreetApp app = GreetApp.Create(nameof(Build_WithGoSumEntryRemoved_FailsWithGOB3003NamingTheModule), s_proxy, goModLineOnly, s_restoredCache);

        app.Build().AssertFailure().AssertError("GOB3003", "module content hash of " + GreetApp.Greet);
    }

    [TestMethod]
    public void Build_WithFileChangedInModuleCache_FailsWithGOB3006()
    {
        GreetApp app = GreetApp.Create(nameof(Build_WithFileChangedInModuleCache_FailsWithGOB3006), s_proxy);
        s_proxy.Download(app.ModuleCache, FileModuleProxy.V1);
        string extracted = Path.Combine(app.ModuleCache, "example.test", "greet@" + FileModuleProxy.V1);
        if (!System.OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(extracted, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.SetAttributes(Path.Combine(extracted, "greet.go"), FileAttributes.Normal);
        File.AppendAllText(Path.Combine(extracted, "greet.go"), "\nfunc init() { println(\"changed in the cache\") }\n");

        DotNetResult result = app.Build().AssertFailure();

        StringAssert.Contains(result.AssertError("GOB3006", GreetApp.Greet), "dir has been modified");
    }

    [TestMethod]
    public void Build_AfterAVerifiedModuleIsChangedInTheCache_VerifiesAgainAndFailsWithGOB3006()
    {
        GreetApp app = GreetApp.Create(nameof(Build_AfterAVerifiedModuleIsChangedInTheCache_VerifiesAgainAndFailsWithGOB3006));
        app.Build().AssertSuccess();
        app.Build("-v:detailed").AssertSuccess().AssertOutputContains("Skipping target \"_GoBuildVerifyModules\" because all output files are up-to-date");

        string extracted = Path.Combine(app.ModuleCache, "example.test", "greet@" + FileModuleProxy.V1);
        if (!System.OperatingSystem.IsWindows())
        {
            // go leaves the extracted tree read-only; someone who wants to change it makes it writable first.
            File.SetUnixFileMode(extracted, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // A file added to the package folder: the build would compile it.
        string added = Path.Combine(extracted, "added.go");
        File.WriteAllText(added, "package greet\n\nfunc init() { println(\"added in the cache\") }\n");
        StringAssert.Contains(app.Build().AssertFailure().AssertError("GOB3006", GreetApp.Greet), "dir has been modified");

        // Taken away again, the tree matches its hash, and the build passes (and verifies nothing more).
        File.Delete(added);
        app.Build().AssertSuccess();
        app.Build("-v:detailed").AssertSuccess().AssertOutputContains("Skipping target \"_GoBuildVerifyModules\" because all output files are up-to-date");

        // An existing file edited in place.
        string source = Path.Combine(extracted, "greet.go");
        File.SetAttributes(source, FileAttributes.Normal);
        File.AppendAllText(source, "\nfunc init() { println(\"changed in the cache\") }\n");
        StringAssert.Contains(app.Build().AssertFailure().AssertError("GOB3006", GreetApp.Greet), "dir has been modified");
    }

    [TestMethod]
    public void TestNoBuild_AfterGoSumHashChangedSinceTheBuild_FailsWithTheBuildsGOB3004BeforeGoTestRuns()
    {
        GreetApp app = GreetApp.Create(nameof(TestNoBuild_AfterGoSumHashChangedSinceTheBuild_FailsWithTheBuildsGOB3004BeforeGoTestRuns), s_proxy);
        app.Workspace.WriteFile("app/main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestGreets(t *testing.T) {}\n");
        s_proxy.Download(app.ModuleCache, FileModuleProxy.V1);
        app.Build().AssertSuccess();

        // go.sum changes after the build that verified the modules; `dotnet test --no-build` builds
        // nothing, and go test itself would run against the cached module without a word.
        string tampered = s_proxy.GoSumLines(FileModuleProxy.V1).Replace(s_proxy.ContentHash(FileModuleProxy.V1), "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        app.Workspace.WriteFile("app/go.sum", tampered);

        DotNetResult test = app.Workspace.DotNet("test", GreetApp.Project, "--no-build").AssertFailure();

        test.AssertError("GOB3004", GreetApp.Greet);
        test.AssertOutputDoesNotContain("TestGreets");
        test.AssertOutputDoesNotContain("(go test)");

        // The same code as the build gives for the same go.sum.
        app.Workspace.Build(GreetApp.Project, "--no-restore").AssertFailure().AssertError("GOB3004", GreetApp.Greet);
    }

    [TestMethod]
    public void Build_WithVendorFolder_BuildsInVendorModeOffline_AndFailsWithGOB3007WhenModulesTxtDisagrees()
    {
        // No go.sum, no proxy, an empty module cache: vendor/ is all the build may use.
        GreetApp app = GreetApp.Create(nameof(Build_WithVendorFolder_BuildsInVendorModeOffline_AndFailsWithGOB3007WhenModulesTxtDisagrees), goSum: string.Empty);
        FileModuleProxy.DeleteDirectory(app.Proxy.Directory);
        string modulesTxt = $"# {FileModuleProxy.ModulePath} {FileModuleProxy.V1}\n## explicit; go 1.22\n{FileModuleProxy.ModulePath}\n";
        app.Workspace.WriteFile("app/vendor/modules.txt", modulesTxt);
        app.Workspace.WriteFile("app/vendor/example.test/greet/greet.go", FileModuleProxy.Source("vendored"));

        app.Build().AssertSuccess();
        Assert.AreEqual(FileModuleProxy.Greeting("vendored"), app.Workspace.RunProgram("app/bin/Debug/app"));

        app.Workspace.WriteFile("app/vendor/modules.txt", modulesTxt.Replace(FileModuleProxy.V1, FileModuleProxy.V2));
        DotNetResult broken = app.Build().AssertFailure();

        StringAssert.Contains(broken.AssertError("GOB3007", GreetApp.Greet), FileModuleProxy.V2);
    }

    [TestMethod]
    public void Build_WithRiskySettings_WarnsWithGOB3010NamingEachRisk()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithRiskySettings_WarnsWithGOB3010NamingEachRisk),
            properties: "<GoChecksumDatabase>off</GoChecksumDatabase>",
            items: """
                <GoEnvironment Include="GONOSUMDB" Value="example.test" />
                <GoEnvironment Include="GOINSECURE" Value="example.test" />
                """);

        DotNetResult result = ws.Build("app/app.csproj").AssertSuccess();

        Assert.IsTrue(result.OutputMatches(@"warning GOB3010: GoChecksumDatabase is 'off'"), result.Describe());
        Assert.IsTrue(result.OutputMatches(@"warning GOB3010: The GoEnvironment item GONOSUMDB='example\.test' skips the checksum database"), result.Describe());
        Assert.IsTrue(result.OutputMatches(@"warning GOB3010: The GoEnvironment item GOINSECURE='example\.test' lets go fetch those modules over plain HTTP"), result.Describe());
    }
}
