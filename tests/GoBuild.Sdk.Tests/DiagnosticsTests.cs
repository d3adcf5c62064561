using System.IO;
using System.Text.RegularExpressions;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>go's failures become coded MSBuild errors an IDE can list and jump to.</summary>
[TestClass]
public sealed class DiagnosticsTests
{
    [TestMethod]
    public void Build_WithCompileErrors_ReportsEachAsGOB2001WithFullPathLineAndColumn()
    {
        TestProject ws = TestProject.Create(nameof(Build_WithCompileErrors_ReportsEachAsGOB2001WithFullPathLineAndColumn));
        ws.WriteFile("mod/go.mod", "module example.com/mod\n\ngo 1.22\n");
        ws.WriteFile("mod/lib/lib.go", "package lib\n\nfunc F() int { return missing }\n");
        ws.WriteFile("mod/cmd/tool/main.go", "package main\n\nimport \"example.com/mod/lib\"\n\nfunc main() { println(lib.F()) }\n");
        ws.WriteGoProject("mod/cmd/tool/tool.csproj");

        DotNetResult result = ws.Build("mod/cmd/tool/tool.csproj").AssertFailure();

        string libFile = Regex.Escape(ws.PathOf("mod/lib/lib.go"));
        Assert.IsTrue(result.OutputMatches($@"^{libFile}\(3,23\): error GOB2001: undefined: missing \["), result.Describe());
        Assert.IsFalse(File.Exists(ws.PathOf("mod/cmd/tool/bin/Debug/tool")));
    }

    [TestMethod]
    public void Build_WithTypeMismatch_AppendsGoContinuationLinesToTheError()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithTypeMismatch_AppendsGoContinuationLinesToTheError));
        ws.WriteFile("app/bad.go", "package main\n\nfunc f() {}\n\nfunc g() int { return f(1) }\n");

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        string line = result.AssertError("GOB2001", "too many arguments in call to f");
        StringAssert.Contains(line, Path.Combine("app", "bad.go") + "(5,");
        result.AssertOutputContains("have (number)");
    }

    [TestMethod]
    public void Build_WhenGoFailsWithoutFileLine_ReportsGOB2002WithTheTailOfItsOutput()
    {
        // The linker refuses an unknown flag without a file:line (a package that does not exist is GOB2041 now, before go build).
        TestProject ws = TestProject.CreateHello(nameof(Build_WhenGoFailsWithoutFileLine_ReportsGOB2002WithTheTailOfItsOutput), properties: "<GoLdFlags>-notaflag</GoLdFlags>");

        DotNetResult result = ws.Build("app/app.csproj").AssertFailure();

        result.AssertError("GOB2002", "'go build' failed with exit code 1");
        result.AssertOutputContains("write output to file"); // the tail of the linker's usage text
    }

    [TestMethod]
    public void Build_WithoutGoMod_FailsWithGOB2003SayingToRunGoModInit()
    {
        TestProject ws = TestProject.Create(nameof(Build_WithoutGoMod_FailsWithGOB2003SayingToRunGoModInit));
        ws.WriteFile("app/main.go", "package main\n\nfunc main() {}\n");
        ws.WriteGoProject("app/app.csproj");

        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB2003", "go mod init");
    }

    [TestMethod]
    public void Build_WithToolchainRootThatIsNoGo_FailsWithGOB1001()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithToolchainRootThatIsNoGo_FailsWithGOB1001));

        ws.Build("app/app.csproj", "-p:GoToolchainRoot=" + ws.PathOf("nowhere")).AssertFailure().AssertError("GOB1001", "nowhere");
    }

    [TestMethod]
    public void Build_WithToolchainRootOfAnotherVersionThanPinned_FailsWithGOB1003()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithToolchainRootOfAnotherVersionThanPinned_FailsWithGOB1003), properties: "<GoToolchainVersion>1.22.12</GoToolchainVersion>");

        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB1003", "go1.26.11");
    }

    [TestMethod]
    [DataRow("-p:GoTrimPath=maybe", "GOB2004", "GoTrimPath")]
    [DataRow("-p:GoStrip=1x", "GOB2004", "GoStrip")]
    [DataRow("-p:GoBuildVcs=sometimes", "GOB2005", "sometimes")]
    [DataRow("-p:GoBuildMode=plugin-ish", "GOB5001", "plugin-ish")]
    [DataRow("-p:GoModMode=vendored", "GOB3001", "vendored")]
    public void Build_WithBadPropertyValue_FailsWithItsOwnCode(string property, string code, string mentioned)
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_WithBadPropertyValue_FailsWithItsOwnCode) + code + mentioned.Length);

        ws.Build("app/app.csproj", property).AssertFailure().AssertError(code, mentioned);
    }

    [TestMethod]
    public void Build_WithBadLinkerVariableOrReservedEnvironment_FailsWithItsOwnCode()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithBadLinkerVariableOrReservedEnvironment_FailsWithItsOwnCode),
            items: """<GoLinkerVariable Include="version" Value="1" />""");
        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB2006", "'version'");

        ws.WriteGoProject("app/app.csproj", items: """<GoEnvironment Include="GOTOOLCHAIN" Value="go1.99.0" />""");
        ws.Build("app/app.csproj").AssertFailure().AssertError("GOB2008", "GOTOOLCHAIN");
    }

    [TestMethod]
    public void Build_GoOutput_IsVisibleAtDetailedVerbosityAndQuietAtMinimal()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_GoOutput_IsVisibleAtDetailedVerbosityAndQuietAtMinimal), properties: "<GoLdFlags>-v</GoLdFlags>");

        DotNetResult minimal = ws.Build("app/app.csproj", "-v:m").AssertSuccess();
        minimal.AssertOutputDoesNotContain("bin/go build");
        minimal.AssertOutputDoesNotContain("HEADER =");

        // Other linker flags, so go runs again; the linker's -v output ("HEADER = …") is go's own.
        DotNetResult detailed = ws.Build("app/app.csproj", "-v:d", "-p:GoLdFlags=-v -w").AssertSuccess();
        detailed.AssertOutputContains("bin/go build");
        detailed.AssertOutputContains("HEADER =");
    }
}
