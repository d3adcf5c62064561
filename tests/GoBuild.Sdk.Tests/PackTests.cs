using System.IO;
using System.IO.Compression;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>`dotnet pack` of a Go project, and a .NET app that consumes the package.</summary>
[TestClass]
public sealed class PackTests
{
    [TestMethod]
    public void Pack_GoProgramForTwoRids_PutsEachUnderRuntimesRidNative_AndAppsReferencingThePackageGetTheirs()
    {
        TestProject ws = TestProject.Create(nameof(Pack_GoProgramForTwoRids_PutsEachUnderRuntimesRidNative_AndAppsReferencingThePackageGetTheirs));
        ws.WriteFile("agent/go.mod", "module example.com/agent\n\ngo 1.22\n");
        ws.WriteFile("agent/main.go", """
            package main

            import (
            	"fmt"
            	"os"
            	"runtime"
            	"strings"
            )

            func main() {
            	fmt.Printf("agent %s %s/%s\n", strings.Join(os.Args[1:], ","), runtime.GOOS, runtime.GOARCH)
            }
            """);
        ws.WriteGoProject("agent/agent.csproj", properties: "<PackageId>Contoso.Agent</PackageId><Version>1.2.3</Version><RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>");

        ws.DotNet("pack", "agent/agent.csproj", "-o", ws.PathOf("feed")).AssertSuccess().AssertOutputDoesNotContain("warning");

        string[] entries;
        using (ZipArchive package = ZipFile.OpenRead(ws.PathOf("feed/Contoso.Agent.1.2.3.nupkg")))
        {
            entries = package.Entries.Select(e => e.FullName).ToArray();
            string nuspec = new StreamReader(package.GetEntry("Contoso.Agent.nuspec")!.Open()).ReadToEnd();
            Assert.IsFalse(nuspec.Contains("<dependencies"), "a Go package depends on no framework: " + nuspec);
            Assert.AreEqual(62, ElfMachine(package, "runtimes/linux-x64/native/agent"), "x86-64");
            Assert.AreEqual(183, ElfMachine(package, "runtimes/linux-arm64/native/agent"), "aarch64");
        }

        CollectionAssert.IsSubsetOf(
            new[] { "runtimes/linux-x64/native/agent", "runtimes/linux-arm64/native/agent", "runtimes/linux-x64/native/agent.cdx.json", "runtimes/linux-arm64/native/agent.cdx.json", "runtimes/linux-x64/native/agent.intoto.json", "build/Contoso.Agent.targets", "buildTransitive/Contoso.Agent.targets" },
            entries,
            string.Join(", ", entries));
        Assert.IsFalse(entries.Any(e => e.StartsWith("lib/", System.StringComparison.Ordinal)), string.Join(", ", entries));

        // A fresh app restores the package from a local feed and starts the program from its own folder.
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: false, ws.PathOf("feed"));
        ws.WriteFile("consumer/consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contoso.Agent" Version="1.2.3" />
              </ItemGroup>
            </Project>
            """);
        ws.WriteFile("consumer/Program.cs", """
            using System.Diagnostics;

            string agent = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "agent.exe" : "agent");
            var start = new ProcessStartInfo(agent, "from-dotnet") { RedirectStandardOutput = true };
            using Process process = Process.Start(start)!;
            Console.Write(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
            return process.ExitCode;
            """);

        ws.Build("consumer/consumer.csproj").AssertSuccess();

        Assert.AreEqual("agent from-dotnet linux/amd64", ws.RunProgram("consumer/bin/Debug/net10.0/consumer"));
        Assert.IsTrue(InteropWorkspace.IsExecutableByAll(ws.PathOf("consumer/bin/Debug/net10.0/agent")), "NuGet drops the execute bit; the package's targets restore it");
        Assert.IsTrue(File.Exists(ws.PathOf("consumer/bin/Debug/net10.0/agent.cdx.json")), "the program's SBOM comes along, for the app's SBOM tools");

        // An app for linux-arm64 gets the arm64 program from the package (no apphost: its arm64 pack would come from the network).
        ws.DotNet("publish", "consumer/consumer.csproj", "-r", "linux-arm64", "-p:UseAppHost=false").AssertSuccess();
        string published = ws.PathOf("consumer/bin/Release/net10.0/linux-arm64/publish/agent");
        Assert.AreEqual(183, InteropWorkspace.ElfMachine(published), "aarch64");
        Assert.IsTrue(InteropWorkspace.IsExecutableByAll(published));
        Assert.IsTrue(File.Exists(published + ".cdx.json"), "NuGet copies the SBOM next to the native file");
    }

    [TestMethod]
    public void Pack_OfCmdPatternForTwoRids_PutsEveryCommandUnderEachRid_AndPublishOfAReferencingAppCopiesEveryCommand()
    {
        TestProject ws = TestProject.Create(nameof(Pack_OfCmdPatternForTwoRids_PutsEveryCommandUnderEachRid_AndPublishOfAReferencingAppCopiesEveryCommand));
        string[] commands = { "alpha", "beta" };
        ws.WriteFile("tools/go.mod", "module example.com/tools\n\ngo 1.22\n");
        foreach (string command in commands)
        {
            ws.WriteFile($"tools/cmd/{command}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n)\n\nfunc main() {{ fmt.Println(\"{command}\", runtime.GOOS+\"/\"+runtime.GOARCH) }}\n");
        }

        ws.WriteGoProject("tools/tools.csproj", properties: "<GoPackage>./cmd/...</GoPackage><PackageId>Contoso.Tools</PackageId><Version>1.0.0</Version><RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>");

        ws.DotNet("pack", "tools/tools.csproj", "-o", ws.PathOf("feed")).AssertSuccess().AssertOutputDoesNotContain("warning");

        string[] entries;
        using (ZipArchive package = ZipFile.OpenRead(ws.PathOf("feed/Contoso.Tools.1.0.0.nupkg")))
        {
            entries = package.Entries.Select(e => e.FullName).ToArray();
            foreach (string command in commands)
            {
                Assert.AreEqual(62, ElfMachine(package, $"runtimes/linux-x64/native/{command}"), command + " x86-64");
                Assert.AreEqual(183, ElfMachine(package, $"runtimes/linux-arm64/native/{command}"), command + " aarch64");
            }
        }

        string[] expected = commands
            .SelectMany(c => new[] { "linux-x64", "linux-arm64" }.SelectMany(rid => new[] { $"runtimes/{rid}/native/{c}", $"runtimes/{rid}/native/{c}.cdx.json" }))
            .Concat(new[] { "build/Contoso.Tools.targets", "buildTransitive/Contoso.Tools.targets" })
            .ToArray();
        CollectionAssert.IsSubsetOf(expected, entries, string.Join(", ", entries));

        // A C# app that references the project publishes every command, for its RID and for none.
        ws.WriteConsoleApp("app", "../tools/tools.csproj");
        ws.DotNet("publish", "app/app.csproj").AssertSuccess();
        foreach (string command in commands)
        {
            Assert.AreEqual(command + " linux/amd64", ws.RunProgram("app/bin/Release/net10.0/publish/" + command));
        }

        ws.DotNet("publish", "app/app.csproj", "-r", "linux-arm64", "-p:UseAppHost=false", "-p:SelfContained=false").AssertSuccess();
        foreach (string command in commands)
        {
            string published = ws.PathOf("app/bin/Release/net10.0/linux-arm64/publish/" + command);
            Assert.AreEqual(183, InteropWorkspace.ElfMachine(published), command + " aarch64");
            Assert.IsTrue(InteropWorkspace.IsExecutableByAll(published), command);
        }
    }

    private static int ElfMachine(ZipArchive package, string entry)
    {
        string path = Path.GetTempFileName();
        try
        {
            package.GetEntry(entry)!.ExtractToFile(path, overwrite: true);
            return InteropWorkspace.ElfMachine(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
