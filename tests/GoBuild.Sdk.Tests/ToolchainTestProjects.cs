using System.IO;
using System.Security;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests;

/// <summary>Projects that get their Go from the SDK's own acquisition, and where it puts it.</summary>
internal static class ToolchainTestProjects
{
    public const string Archive126 = "go1.26.11.linux-amd64.tar.gz";
    public const string Archive122 = "go1.22.12.linux-amd64.tar.gz";

    /// <summary>Toolchain properties for a project reading the loopback <paramref name="mirror"/>.</summary>
    public static string FromMirror(LoopbackMirror mirror, string? version, string? cacheDir) =>
        (version == null ? string.Empty : $"<GoToolchainVersion>{version}</GoToolchainVersion>")
        + $"<GoToolchainMirror>{mirror.BaseUri}</GoToolchainMirror><GoToolchainAllowHttp>true</GoToolchainAllowHttp>"
        + (cacheDir == null ? string.Empty : $"<GoToolchainCacheDir>{SecurityElement.Escape(cacheDir)}</GoToolchainCacheDir>");

    /// <summary>
    /// The hello module of <see cref="TestProject.CreateHello"/> with no GoToolchainRoot, the given
    /// properties, and a Directory.Build.targets that prints each GoBinary with its toolchain version.
    /// </summary>
    public static TestProject Hello(string testName, string properties, string folderName = "ws")
    {
        TestProject ws = TestProject.CreateHello(testName, goRoot: string.Empty, folderName: folderName);
        WriteProject(ws, "app/app.csproj", properties);
        ws.WriteFile("app/Directory.Build.targets", """
            <Project>
              <Target Name="PrintGoBinaries" AfterTargets="Build">
                <Message Importance="high" Text="GOBINARY %(GoBinary.Filename) %(GoBinary.GoToolchainVersion)" />
              </Target>
            </Project>
            """);
        return ws;
    }

    /// <summary>Writes a GoBuild.Sdk project file with <paramref name="properties"/> and nothing else.</summary>
    public static void WriteProject(TestProject ws, string path, string properties) => ws.WriteFile(path, $"""
        <Project Sdk="GoBuild.Sdk">
          <PropertyGroup>
            {properties}
          </PropertyGroup>
        </Project>
        """);

    /// <summary>A fresh toolchain cache folder for one test (created by the SDK itself).</summary>
    public static string NewCache(TestProject ws) => Path.Combine(ws.Root, "toolchains");

    /// <summary>Whether the cache holds a complete entry for <paramref name="release"/>.</summary>
    public static bool IsInstalled(string cache, string release) =>
        File.Exists(Path.Combine(cache, release + ".linux-amd64", ".gobuild-complete"));
}
