using System;
using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// GoPackage as a selection: library packages (checked, no program), many commands from one project
/// (one go per target), and the input record taken with each target's own settings.
/// </summary>
[TestClass]
public sealed class PackageSelectionTests
{
    // Prints each GoBinary with its metadata after GoCompile, so tests can read what the build returned.
    private const string PrintBinaries = """
          <Target Name="PrintGoBinaries" AfterTargets="GoCompile">
            <Message Importance="high" Text="GOBINARY %(GoBinary.GoCommand) %(GoBinary.GoPackage) %(GoBinary.RuntimeIdentifier) %(GoBinary.FullPath)" Condition="'@(GoBinary)' != ''" />
          </Target>
        """;

    [TestMethod]
    public void Build_OfLibraryPackage_ChecksItAtFileLineColumn_WritesNoProgram_TestRunsItsTests_AndPackIsACodedError()
    {
        string name = nameof(Build_OfLibraryPackage_ChecksItAtFileLineColumn_WritesNoProgram_TestRunsItsTests_AndPackIsACodedError);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        ws.WriteFile("lib/lib.go", "package lib\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n");
        ws.WriteFile("lib/lib_test.go", "package lib\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal(\"1+2\")\n\t}\n}\n");
        WriteProject(ws, "lib/lib.csproj", go.Root, string.Empty);

        DotNetResult built = ws.Build("lib/lib.csproj").AssertSuccess();
        built.AssertOutputDoesNotContain("GOBINARY");
        Assert.IsFalse(Directory.Exists(ws.PathOf("lib/bin/Debug")) && Directory.EnumerateFiles(ws.PathOf("lib/bin/Debug"), "lib*").Any(), "a library wrote a program");

        int count = go.Invocations.Length;
        ws.Build("lib/lib.csproj", "-v:diag").AssertSuccess().AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");
        Assert.AreEqual(count, go.Invocations.Length, "the no-op ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));

        ws.WriteFile("lib/lib.go", "package lib\n\n// Add adds.\nfunc Add(a, b int) int { return a + \"b\" }\n");
        DotNetResult broken = ws.Build("lib/lib.csproj").AssertFailure();
        string error = broken.AssertError("GOB2001");
        StringAssert.Contains(error, Path.Combine("lib", "lib.go") + "(4,");

        ws.WriteFile("lib/lib.go", "package lib\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n");
        DotNetResult tested = ws.DotNet("test", "lib/lib.csproj").AssertSuccess();
        tested.AssertOutputContains("Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1");

        // The error's text is decided with the shape (Strings.resx, the packages record): pack of the
        // up-to-date Debug build loads no task for it (pack's default, Release, would build first).
        DotNetResult packed = ws.DotNet("pack", "lib/lib.csproj", "-c", "Debug", "-v:diag").AssertFailure();
        StringAssert.Contains(packed.AssertError("GOB5011", "nothing native to pack"), "lib builds library packages only (GoPackage '.' selects no main package)");
        packed.AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");
    }

    [TestMethod]
    public void Build_WithCmdPattern_BuildsEveryCommandInOneGoPerTarget_OneGoBinaryEach_AndTheAppGetsThemAll()
    {
        string name = nameof(Build_WithCmdPattern_BuildsEveryCommandInOneGoPerTarget_OneGoBinaryEach_AndTheAppGetsThemAll);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("tools/go.mod", "module example.com/tools\n\ngo 1.22\n");
        ws.WriteFile("tools/internal/say/say.go", "package say\n\n// Hi greets.\nfunc Hi(who string) string { return \"hi from \" + who }\n");
        foreach (string command in new[] { "alpha", "beta" })
        {
            ws.WriteFile($"tools/cmd/{command}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/tools/internal/say\"\n)\n\nfunc main() {{ fmt.Println(say.Hi(\"{command}\")) }}\n");
        }

        WriteProject(ws, "tools/tools.csproj", go.Root, "<GoPackage>./cmd/...</GoPackage>");
        ws.WriteConsoleApp("app", "../tools/tools.csproj");

        DotNetResult built = ws.Build("tools/tools.csproj").AssertSuccess();
        Assert.AreEqual("hi from alpha", ws.RunProgram("tools/bin/Debug/alpha"));
        Assert.AreEqual("hi from beta", ws.RunProgram("tools/bin/Debug/beta"));
        Assert.AreEqual(1, go.Count("build"), "one go build for both commands:\n" + string.Join("\n", go.Invocations));
        built.AssertOutputContains("GOBINARY alpha example.com/tools/cmd/alpha  " + ws.PathOf("tools/bin/Debug/alpha"));
        built.AssertOutputContains("GOBINARY beta example.com/tools/cmd/beta  " + ws.PathOf("tools/bin/Debug/beta"));

        // A new command is picked up without a project change; a no-op runs no go.
        ws.WriteFile("tools/cmd/gamma/main.go", "package main\n\nfunc main() { println(\"gamma\") }\n");
        ws.Build("tools/tools.csproj").AssertSuccess().AssertOutputContains("GOBINARY gamma example.com/tools/cmd/gamma");
        int count = go.Invocations.Length;
        ws.Build("tools/tools.csproj").AssertSuccess();
        Assert.AreEqual(count, go.Invocations.Length, "the no-op ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));

        // The RID matrix: one go per target, every command in each target's folder.
        int builds = go.Count("build");
        DotNetResult matrix = ws.Build("tools/tools.csproj", "-p:GoTargetPlatforms=\"linux/amd64;windows/amd64\"").AssertSuccess();
        Assert.AreEqual(builds + 2, go.Count("build"), string.Join("\n", go.Invocations));
        Assert.AreEqual("PE32+ x86-64", CrossCompileBinaries.Identify(ws.PathOf("tools/bin/Debug/win-x64/beta.exe")));
        matrix.AssertOutputContains("GOBINARY alpha example.com/tools/cmd/alpha linux-x64 " + ws.PathOf("tools/bin/Debug/linux-x64/alpha"));

        // ProjectReference: every command lands in the app's output.
        ws.Build("app/app.csproj").AssertSuccess();
        foreach (string command in new[] { "alpha", "beta", "gamma" })
        {
            Assert.IsTrue(File.Exists(ws.PathOf("app/bin/Debug/net10.0/" + command)), command + " is missing from the app's output");
        }

        // GoOutputName names one output; a pattern that matches nothing is an error too.
        ws.Build("tools/tools.csproj", "-p:GoOutputName=tool").AssertFailure().AssertError("GOB2042", "'tool'");
        ws.Build("tools/tools.csproj", "-p:GoPackage=./nothing/...").AssertFailure().AssertError("GOB2041", "./nothing/...");
    }

    [TestMethod]
    public void Build_AfterTheSecondCommandsBinaryIsDeleted_RebuildsItWithOneGo_AndTheNextBuildIsANoOp()
    {
        string name = nameof(Build_AfterTheSecondCommandsBinaryIsDeleted_RebuildsItWithOneGo_AndTheNextBuildIsANoOp);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("tools/go.mod", "module example.com/tools\n\ngo 1.22\n");
        foreach (string command in new[] { "alpha", "beta" })
        {
            ws.WriteFile($"tools/cmd/{command}/main.go", $"package main\n\nfunc main() {{ println(\"{command}\") }}\n");
        }

        WriteProject(ws, "tools/tools.csproj", go.Root, "<GoPackage>./cmd/...</GoPackage>");
        ws.Build("tools/tools.csproj").AssertSuccess();
        Assert.IsTrue(File.Exists(ws.PathOf("tools/bin/Debug/beta")));

        // Only the first command stood for the target: deleting another one rebuilt nothing.
        File.Delete(ws.PathOf("tools/bin/Debug/beta"));
        int builds = go.Count("build");
        ws.Build("tools/tools.csproj").AssertSuccess();
        Assert.IsTrue(File.Exists(ws.PathOf("tools/bin/Debug/beta")), "the deleted command was not rebuilt");
        Assert.AreEqual(builds + 1, go.Count("build"), "one go build:\n" + string.Join("\n", go.Invocations));

        // Every program was touched after that build: the next one is a no-op.
        int count = go.Invocations.Length;
        ws.Build("tools/tools.csproj", "-v:diag").AssertSuccess().AssertOutputDoesNotContain("Assembly loaded during TaskRun: GoBuild.Tasks");
        Assert.AreEqual(count, go.Invocations.Length, "the no-op ran go:\n" + string.Join("\n", go.Invocations.Skip(count)));

        // The same in a RID matrix: the second command of one target rebuilds that target only.
        ws.Build("tools/tools.csproj", "-p:RuntimeIdentifiers=\"linux-x64;linux-arm64\"").AssertSuccess();
        File.Delete(ws.PathOf("tools/bin/Debug/linux-arm64/beta"));
        builds = go.Count("build");
        ws.Build("tools/tools.csproj", "-p:RuntimeIdentifiers=\"linux-x64;linux-arm64\"").AssertSuccess();
        Assert.IsTrue(File.Exists(ws.PathOf("tools/bin/Debug/linux-arm64/beta")), "the deleted arm64 command was not rebuilt");
        Assert.AreEqual(builds + 1, go.Count("build"), "one go build, for linux-arm64:\n" + string.Join("\n", go.Invocations));
        StringAssert.Contains(go.Invocations.Last(i => i.StartsWith("build ", System.StringComparison.Ordinal)), "linux-arm64");
    }

    [TestMethod]
    public void Build_InputRecord_TakenWithEachTargetsTagsGoosAndCgo_AnEditRebuildsExactlyTheTargetsThatReadIt()
    {
        string name = nameof(Build_InputRecord_TakenWithEachTargetsTagsGoosAndCgo_AnEditRebuildsExactlyTheTargetsThatReadIt);
        TestProject ws = TestProject.Create(name);
        ws.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        ws.WriteFile("app/main.go", "package main\n\nimport \"fmt\"\n\nvar parts []string\n\nfunc main() { fmt.Println(parts) }\n");
        ws.WriteFile("app/extra.go", "//go:build extra\n\npackage main\n\nimport \"example.com/app/tagged\"\n\nfunc init() { parts = append(parts, tagged.Value) }\n");
        ws.WriteFile("app/linux.go", "package main\n\nimport \"example.com/app/linuxonly\"\n\nfunc init() { parts = append(parts, linuxonly.Value) }\n".Replace("package main", "//go:build linux\n\npackage main"));
        ws.WriteFile("app/withcgo.go", "//go:build cgo\n\npackage main\n\nimport \"example.com/app/cgoonly\"\n\nfunc init() { parts = append(parts, cgoonly.Value) }\n");
        foreach (string package in new[] { "tagged", "linuxonly", "cgoonly" })
        {
            ws.WriteFile($"app/{package}/{package}.go", $"package {package}\n\n// Value says which version.\nconst Value = \"{package}1\"\n");
        }

        // linux-x64 with cgo (the host's gcc), linux-arm64 without, windows: three input records.
        ws.WriteGoProject("app/app.csproj", properties: "<GoTags>extra</GoTags>", items: """
            <GoTargetPlatform Include="linux/amd64" GoCgoEnabled="true" />
            <GoTargetPlatform Include="linux/arm64" />
            <GoTargetPlatform Include="windows/amd64" />
            """);
        string[] outputs = { "app/bin/Debug/linux-x64/app", "app/bin/Debug/linux-arm64/app", "app/bin/Debug/win-x64/app.exe" };

        ws.Build("app/app.csproj").AssertSuccess();
        Assert.AreEqual("[tagged1 linuxonly1 cgoonly1]", ws.RunProgram(outputs[0]));

        // The defect of issue 10: a package only a //go:build extra file imports is an input with GoTags=extra.
        Assert.AreEqual("all", Rebuilt(ws, outputs, "tagged", "app/tagged/tagged.go"));
        Assert.AreEqual("[tagged2 linuxonly1 cgoonly1]", ws.RunProgram(outputs[0]));
        Assert.AreEqual("linux-x64 linux-arm64", Rebuilt(ws, outputs, "linuxonly", "app/linuxonly/linuxonly.go"));
        Assert.AreEqual("linux-x64", Rebuilt(ws, outputs, "cgoonly", "app/cgoonly/cgoonly.go"));
        Assert.AreEqual("[tagged2 linuxonly2 cgoonly2]", ws.RunProgram(outputs[0]));
    }

    // Edits the package to version 2 and says which outputs the next build wrote.
    private static string Rebuilt(TestProject ws, string[] outputs, string package, string file)
    {
        DateTime[] before = outputs.Select(o => File.GetLastWriteTimeUtc(ws.PathOf(o))).ToArray();
        ws.WriteFile(file, $"package {package}\n\n// Value says which version.\nconst Value = \"{package}2\"\n");
        DotNetResult result = ws.Build("app/app.csproj").AssertSuccess();
        string[] keys = { "linux-x64", "linux-arm64", "win-x64" };
        string[] rebuilt = keys.Where((_, i) => File.GetLastWriteTimeUtc(ws.PathOf(outputs[i])) != before[i]).ToArray();
        return rebuilt.Length == keys.Length ? "all" : string.Join(" ", rebuilt) + (rebuilt.Length == 0 ? "none: " + result.Describe() : string.Empty);
    }

    private static void WriteProject(TestProject ws, string path, string goRoot, string properties) =>
        ws.WriteFile(path, $"""
            <Project Sdk="GoBuild.Sdk">
              <PropertyGroup>
                <GoToolchainRoot>{System.Security.SecurityElement.Escape(goRoot)}</GoToolchainRoot>
                {properties}
              </PropertyGroup>
            {PrintBinaries}
            </Project>
            """);
}
