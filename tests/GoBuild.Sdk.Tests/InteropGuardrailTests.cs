using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>One Go runtime per process, and no c-shared library on musl: the build says so before the app crashes.</summary>
[TestClass]
public sealed class InteropGuardrailTests
{
    [TestMethod]
    public void Build_AppWhoseClosureHoldsTwoGoCSharedLibraries_FailsWithGOB5102_NamingEachAndWhoBringsItIn()
    {
        TestProject ws = TestProject.Create(nameof(Build_AppWhoseClosureHoldsTwoGoCSharedLibraries_FailsWithGOB5102_NamingEachAndWhoBringsItIn));
        foreach (string lib in new[] { "alpha", "beta" })
        {
            ws.WriteFile($"go/{lib}/go.mod", $"module example.com/{lib}\n\ngo 1.22\n");
            ws.WriteFile($"go/{lib}/{lib}.go", "package main\n\nimport \"C\"\n\n//export One\nfunc One() C.int { return 1 }\n\nfunc main() {}\n");
            ws.WriteGoProject($"go/{lib}/{lib}.csproj", properties: "<GoBuildMode>c-shared</GoBuildMode>");
        }

        ws.WriteFile("Mid/Mid.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="../go/beta/beta.csproj" /></ItemGroup>
            </Project>
            """);
        ws.WriteFile("Mid/Mid.cs", "namespace Mid;\n\npublic static class M { public static int One() => GoBindings.BetaNative.One(); }\n");
        ws.WriteFile("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../go/alpha/alpha.csproj" />
                <ProjectReference Include="../Mid/Mid.csproj" />
              </ItemGroup>
            </Project>
            """);
        ws.WriteFile("App/Program.cs", "System.Console.WriteLine(GoBindings.AlphaNative.One() + Mid.M.One());\n");

        // One library is fine (Mid alone).
        ws.Build("Mid/Mid.csproj").AssertSuccess();

        DotNetResult result = ws.Build("App/App.csproj").AssertFailure();
        string error = result.AssertError("GOB5102");
        StringAssert.Contains(error, "App.csproj would load 2 Go c-shared libraries into one process");
        StringAssert.Contains(error, "alpha (../go/alpha/alpha.csproj, referenced by App.csproj)");
        StringAssert.Contains(error, "beta (../go/beta/beta.csproj, referenced by Mid.csproj)");
        StringAssert.Contains(error, "golang/go#65050");
        StringAssert.Contains(error, "sidecar");
        StringAssert.Contains(error, "wasi-reactor");
    }

    [TestMethod]
    public void Build_AppReferencingTwoPackedGoLibraries_FailsWithGOB5102_NamingEachPackage()
    {
        TestProject ws = TestProject.Create(nameof(Build_AppReferencingTwoPackedGoLibraries_FailsWithGOB5102_NamingEachPackage));
        // Package ids of their own: the run's package folder is shared by every test.
        foreach (string lib in new[] { "alpha", "beta", "gamma" })
        {
            ws.WriteFile($"go/{lib}/go.mod", $"module example.com/{lib}\n\ngo 1.22\n");
            ws.WriteFile($"go/{lib}/{lib}.go", "package main\n\nimport \"C\"\n\n//export One\nfunc One() C.int { return 1 }\n\nfunc main() {}\n");
            ws.WriteGoProject($"go/{lib}/{lib}.csproj", properties: $"<GoBuildMode>c-shared</GoBuildMode><PackageId>Guardrail.Go.{lib}</PackageId><Version>1.2.0</Version>");
        }

        foreach (string lib in new[] { "alpha", "beta" })
        {
            ws.DotNet("pack", $"go/{lib}/{lib}.csproj", "-o", ws.PathOf("feed")).AssertSuccess();
        }

        using (var package = System.IO.Compression.ZipFile.OpenRead(ws.PathOf("feed/Guardrail.Go.alpha.1.2.0.nupkg")))
        {
            string marker = new System.IO.StreamReader(package.GetEntry("buildTransitive/Guardrail.Go.alpha.targets")!.Open()).ReadToEnd();
            StringAssert.Contains(marker, "<_GoBuildPackagedGoLibrary Include=\"Guardrail.Go.alpha\" Version=\"1.2.0\" LibraryName=\"alpha\" GoBuildMode=\"c-shared\" />");
            Assert.IsNotNull(package.GetEntry("runtimes/linux-x64/native/libalpha.so"));
        }

        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: false, ws.PathOf("feed"));
        string App(string references) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """;
        const string Program = "System.Console.WriteLine(1);\n";

        // One packaged Go library is one Go runtime: fine.
        ws.WriteFile("One/One.csproj", App("""    <PackageReference Include="Guardrail.Go.alpha" Version="1.2.0" />"""));
        ws.WriteFile("One/Program.cs", Program);
        ws.Build("One/One.csproj").AssertSuccess();

        // Two packages, no Go project: the packages' own targets count them (the app has no GoBuild.Sdk targets).
        ws.WriteFile("Two/Two.csproj", App("""
                <PackageReference Include="Guardrail.Go.alpha" Version="1.2.0" />
                <PackageReference Include="Guardrail.Go.beta" Version="1.2.0" />
            """));
        ws.WriteFile("Two/Program.cs", Program);
        DotNetResult two = ws.Build("Two/Two.csproj").AssertFailure();
        string error = two.AssertError("GOB5102");
        StringAssert.Contains(error, "Two.csproj would load 2 Go c-shared libraries into one process");
        StringAssert.Contains(error, "alpha (NuGet package Guardrail.Go.alpha 1.2.0)");
        StringAssert.Contains(error, "beta (NuGet package Guardrail.Go.beta 1.2.0)");
        StringAssert.Contains(error, "sidecar");

        // Packages and a Go project: the consumer targets' check counts all three, and the packages' own check stays off.
        ws.WriteFile("Mixed/Mixed.csproj", App("""
                <PackageReference Include="Guardrail.Go.alpha" Version="1.2.0" />
                <PackageReference Include="Guardrail.Go.beta" Version="1.2.0" />
                <ProjectReference Include="../go/gamma/gamma.csproj" />
            """));
        ws.WriteFile("Mixed/Program.cs", Program);
        DotNetResult mixed = ws.Build("Mixed/Mixed.csproj").AssertFailure();
        error = mixed.AssertError("GOB5102");
        StringAssert.Contains(error, "Mixed.csproj would load 3 Go c-shared libraries into one process");
        StringAssert.Contains(error, "alpha (NuGet package Guardrail.Go.alpha 1.2.0)");
        StringAssert.Contains(error, "beta (NuGet package Guardrail.Go.beta 1.2.0)");
        StringAssert.Contains(error, "gamma (../go/gamma/gamma.csproj, referenced by Mixed.csproj)");
        mixed.AssertOutputDoesNotContain("would load 2");
    }

    [TestMethod]
    public void Build_CSharedForLinuxMusl_WarnsWithGOB5103()
    {
        TestProject ws = TestProject.Create(nameof(Build_CSharedForLinuxMusl_WarnsWithGOB5103));
        ws.WriteFile("lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
        ws.WriteFile("lib/lib.go", "package main\n\nimport \"C\"\n\n//export One\nfunc One() C.int { return 1 }\n\nfunc main() {}\n");
        ws.WriteGoProject("lib/lib.csproj", properties: "<GoBuildMode>c-shared</GoBuildMode>");

        DotNetResult musl = ws.Build("lib/lib.csproj", "-p:RuntimeIdentifier=linux-musl-x64").AssertSuccess();
        Assert.IsTrue(musl.OutputMatches(@"warning GOB5103: A Go c-shared library is built for linux-musl-x64\."), musl.Describe());

        DotNetResult glibc = ws.Build("lib/lib.csproj", "-p:RuntimeIdentifier=linux-x64").AssertSuccess();
        // (The test name, in the binlog path of the command line, holds "GOB5103" too.)
        glibc.AssertOutputDoesNotContain("warning GOB5103");
    }
}
