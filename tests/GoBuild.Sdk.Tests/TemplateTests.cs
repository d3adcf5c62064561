using System.IO;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// The GoBuild.Templates package as a user meets it: installed with <c>dotnet new install</c> from
/// the packed file, each template created into an empty folder, then built, run and tested with
/// plain dotnet commands. Only the machine differs from a user's: the workspace's NuGet.config
/// names the test feed, and its Directory.Build.props points GoToolchainRoot at the test Go (the
/// generated projects themselves carry no test setting).
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    public void NewGobuild_BuildsRunsAndTestsAGoCommandThatNamesTheSdkAtThePackageVersion()
    {
        TestProject ws = Workspace(nameof(NewGobuild_BuildsRunsAndTestsAGoCommandThatNamesTheSdkAtThePackageVersion), E2E.DefaultGoVersion);
        TemplateHive hive = TemplateHive.Install(ws);

        hive.New("gobuild", "-n", "hello").AssertSuccess();

        Assert.AreEqual(E2E.SdkVersion, TemplateHive.PackageVersion, "the templates and the SDK are packed from one tree");
        StringAssert.Contains(File.ReadAllText(ws.PathOf("hello/hello.csproj")), $"<Project Sdk=\"GoBuild.Sdk/{E2E.SdkVersion}\">");
        StringAssert.Contains(File.ReadAllText(ws.PathOf("hello/hello.csproj")), "<GoToolchainVersion>1.26.11</GoToolchainVersion>");
        Assert.AreEqual("module example.com/hello\n\ngo 1.26.11\n", File.ReadAllText(ws.PathOf("hello/go.mod")));
        AssertNoWarnings(ws.Build("hello").AssertSuccess());
        Assert.AreEqual("Hello, Ada! (hello 1.0.0)", ws.RunProgram("hello/bin/Debug/hello", "Ada"));
        DotNetResult test = ws.DotNet("test", "hello").AssertSuccess();
        AssertPassed(test, 2, "hello (go test)");
    }

    [TestMethod]
    public void NewGobuild_WithModuleAndGoVersion_WritesThemToGoModAndTheProjectAndBuildsWithThatGo()
    {
        TestProject ws = Workspace(nameof(NewGobuild_WithModuleAndGoVersion_WritesThemToGoModAndTheProjectAndBuildsWithThatGo), "1.22.12");
        TemplateHive hive = TemplateHive.Install(ws);

        hive.New("gobuild", "-n", "Tool", "--module", "example.org/acme/tool", "--go-version", "1.22.12").AssertSuccess();

        Assert.AreEqual("module example.org/acme/tool\n\ngo 1.22.12\n", File.ReadAllText(ws.PathOf("Tool/go.mod")));
        StringAssert.Contains(File.ReadAllText(ws.PathOf("Tool/Tool.csproj")), "<GoToolchainVersion>1.22.12</GoToolchainVersion>");
        // go1.22.12's standard library has known vulnerabilities: the audit says so (GOB3103), and
        // nothing else warns.
        DotNetResult build = ws.Build("Tool").AssertSuccess();
        Assert.IsTrue(build.OutputMatches(@"warning GOB3103: .* was built with go1\.22\.12"), "Expected the audit's GOB3103 for go1.22.12. " + build.Describe());
        Assert.IsFalse(build.OutputMatches(@"\bwarning (?!GOB3103)[A-Z]+[0-9]+\s*:"), "Expected no warning but GOB3103. " + build.Describe());
        StringAssert.Contains(GoTool.VersionOf(ws.PathOf("Tool/bin/Debug/Tool")), "go1.22.12");
        Assert.AreEqual("Hello, world! (Tool 1.0.0)", ws.RunProgram("Tool/bin/Debug/Tool"));

        // Without --module the path comes from the name, lower case, with - for what a module path cannot hold.
        hive.New("gobuild", "-n", "My Tool").AssertSuccess();
        StringAssert.StartsWith(File.ReadAllText(ws.PathOf("My Tool/go.mod")), "module example.com/my-tool\n");
        Assert.IsTrue(File.Exists(ws.PathOf("My Tool/My Tool.csproj")), "the project file carries the name as given");
    }

    [TestMethod]
    public void NewGobuildLib_BuildsTheGoSharedLibraryAndTheCSharpAppThatCallsIt()
    {
        TestProject ws = Workspace(nameof(NewGobuildLib_BuildsTheGoSharedLibraryAndTheCSharpAppThatCallsIt), E2E.DefaultGoVersion);
        TemplateHive hive = TemplateHive.Install(ws);

        // A name that is no C# identifier: it must reach file names, the solution and the P/Invoke library name as given.
        hive.New("gobuild-lib", "-n", "my-lib").AssertSuccess();

        StringAssert.Contains(File.ReadAllText(ws.PathOf("my-lib/my-lib/my-lib.csproj")), $"<Project Sdk=\"GoBuild.Sdk/{E2E.SdkVersion}\">");
        StringAssert.StartsWith(File.ReadAllText(ws.PathOf("my-lib/my-lib/go.mod")), "module example.com/my-lib\n");
        AssertNoWarnings(ws.Build("my-lib").AssertSuccess());
        Assert.IsTrue(File.Exists(ws.PathOf("my-lib/my-lib.App/bin/Debug/net10.0/libmy-lib.so")), "the Go library is copied next to the app");
        string output = ws.RunProgram("my-lib/my-lib.App/bin/Debug/net10.0/my-lib.App");
        StringAssert.Contains(output, "Add(40, 2) = 42");
        StringAssert.Contains(output, "from Go go1.26.11");
    }

    [TestMethod]
    public void NewGobuildMonorepo_BuildsRunsAndTestsGoAndCSharpFromTheSolutionRoot()
    {
        TestProject ws = Workspace(nameof(NewGobuildMonorepo_BuildsRunsAndTestsGoAndCSharpFromTheSolutionRoot), E2E.DefaultGoVersion);
        // The MSTest project restores MSTest and Microsoft.NET.Test.Sdk from the packages this run has.
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: true);
        TemplateHive hive = TemplateHive.Install(ws);

        hive.New("gobuild-monorepo", "-n", "Acme", "-m", "example.org/acme").AssertSuccess();

        StringAssert.Contains(File.ReadAllText(ws.PathOf("Acme/go.work")), "use (\n\t./go/greet\n\t./go/hello\n)");
        string helloMod = File.ReadAllText(ws.PathOf("Acme/go/hello/go.mod"));
        StringAssert.StartsWith(helloMod, "module example.org/acme/hello\n");
        // Module mode reaches the library too, with or without go.work support in the build.
        StringAssert.Contains(helloMod, "require example.org/acme/greet v0.0.0");
        StringAssert.Contains(helloMod, "replace example.org/acme/greet => ../greet");
        StringAssert.Contains(File.ReadAllText(ws.PathOf("Acme/go/hello/hello.csproj")), $"<Project Sdk=\"GoBuild.Sdk/{E2E.SdkVersion}\">");

        AssertNoWarnings(ws.Build("Acme").AssertSuccess());
        Assert.AreEqual("Hello, .NET!", ws.RunProgram("Acme/src/Acme.App/bin/Debug/net10.0/Acme.App"));
        DotNetResult test = ws.DotNet("test", "Acme").AssertSuccess();
        // hello has no tests of its own: the two Go results are the greet library module's.
        AssertPassed(test, 2, "hello (go test)");
        AssertPassed(test, 2, "Acme.App.Tests.dll");
    }

    /// <summary>
    /// An empty workspace whose NuGet.config names the test feed, whose global.json names no
    /// msbuild-sdks (the generated projects name the SDK version themselves), and whose
    /// Directory.Build.props gives the generated projects the test's Go <paramref name="goVersion"/>.
    /// </summary>
    private static TestProject Workspace(string testName, string goVersion)
    {
        TestProject ws = TestProject.Create(testName);
        ws.WriteFile("global.json", """
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }
            }
            """);
        DirectoryBuildProps.Write(ws, string.Empty, $"<GoToolchainRoot>{SecurityElement.Escape(RepoPaths.GoRoot(goVersion))}</GoToolchainRoot>");
        return ws;
    }

    private static void AssertNoWarnings(DotNetResult result) =>
        Assert.IsFalse(result.OutputMatches(@"\bwarning [A-Z]+[0-9]+\s*:"), "Expected a build without warnings. " + result.Describe());

    private static void AssertPassed(DotNetResult result, int passed, string run) =>
        Assert.IsTrue(
            result.OutputMatches($@"Passed!\s+-\s+Failed:\s+0, Passed:\s+{passed}, .*- {System.Text.RegularExpressions.Regex.Escape(run)}"),
            $"Expected {passed} passed tests in {run}. " + result.Describe());
}
