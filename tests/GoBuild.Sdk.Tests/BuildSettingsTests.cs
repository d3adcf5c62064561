using System.IO;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>Each Go… property reaches go build, as `go version -m` reads back from the binary.</summary>
[TestClass]
public sealed class BuildSettingsTests
{
    [TestMethod]
    public void Build_Defaults_AreTrimpathNoVcsNoCgoExe()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_Defaults_AreTrimpathNoVcsNoCgoExe));
        ws.Build("app/app.csproj").AssertSuccess();

        string info = GoTool.BuildInfoOf(ws.PathOf("app/bin/Debug/app"));

        StringAssert.Contains(info, "-trimpath=true");
        StringAssert.Contains(info, "CGO_ENABLED=0");
        StringAssert.Contains(info, "-buildmode=exe");
        Assert.IsFalse(info.Contains("vcs="), info);
        Assert.IsFalse(GoTool.IsStripped(ws.PathOf("app/bin/Debug/app")), "Debug builds keep their symbols");
    }

    [TestMethod]
    public void Build_WithTagsLdFlagsStripPieAndCgo_PassesEachToGo()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithTagsLdFlagsStripPieAndCgo_PassesEachToGo),
            properties: """
                <GoTags>special;other</GoTags>
                <GoLdFlags>-X main.extra=fromldflags</GoLdFlags>
                <GoStrip>true</GoStrip>
                <GoBuildMode>pie</GoBuildMode>
                <GoCgoEnabled>true</GoCgoEnabled>
                """,
            items: """<GoLinkerVariable Include="main.version" Value="with space" />""");
        ws.WriteFile("app/special.go", "//go:build special\n\npackage main\n\nvar extra = \"unset\"\n\nfunc init() { version = version + \"+special+\" + extra }\n");

        ws.Build("app/app.csproj").AssertSuccess();

        StringAssert.StartsWith(ws.RunProgram("app/bin/Debug/app"), "app with space+special+fromldflags linux/");
        string info = GoTool.BuildInfoOf(ws.PathOf("app/bin/Debug/app"));
        StringAssert.Contains(info, "-tags=special,other");
        StringAssert.Contains(info, "-buildmode=pie");
        StringAssert.Contains(info, "CGO_ENABLED=1");
        Assert.IsTrue(GoTool.IsStripped(ws.PathOf("app/bin/Debug/app")), "GoStrip=true left the symbol table");
    }

    [TestMethod]
    public void Build_ReleaseConfiguration_StripsByDefault()
    {
        TestProject ws = TestProject.CreateHello(nameof(Build_ReleaseConfiguration_StripsByDefault));
        ws.Build("app/app.csproj", "-c", "Release").AssertSuccess();

        Assert.IsTrue(GoTool.IsStripped(ws.PathOf("app/bin/Release/app")), "Release left the symbol table");
    }

    [TestMethod]
    public void Build_ReturnsGoBinaryItemsWithMetadataAndRegistersThemInFileWrites()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_ReturnsGoBinaryItemsWithMetadataAndRegistersThemInFileWrites),
            properties: "<GoOutputName>renamed</GoOutputName>");
        ws.WriteFile("app/Directory.Build.targets", """
            <Project>
              <Target Name="PrintGoBinaries" AfterTargets="Build">
                <Message Importance="high" Text="BINARY %(GoBinary.Identity)|%(GoBinary.GoOS)|%(GoBinary.GoArch)|%(GoBinary.GoBuildMode)|%(GoBinary.GoToolchainVersion)" />
                <Message Importance="high" Text="FILEWRITE %(FileWrites.Identity)" Condition="'%(FileWrites.Filename)' == 'renamed'" />
              </Target>
            </Project>
            """);

        DotNetResult result = ws.Build("app/app.csproj").AssertSuccess();

        string binary = ws.PathOf("app/bin/Debug/renamed");
        result.AssertOutputContains($"BINARY {binary}|linux|amd64|exe|go1.26.11");
        result.AssertOutputContains($"FILEWRITE {binary}");
        Assert.IsTrue(File.Exists(binary));
    }
}
