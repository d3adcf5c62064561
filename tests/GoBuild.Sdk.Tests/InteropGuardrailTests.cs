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
