using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A generated workspace: global.json naming GoBuild.Sdk, a NuGet.config with only the local
/// feed, and the Go and project files a test writes. dotnet runs with an isolated NuGet package
/// folder and the run's per-user cache, and leaves a binlog next to the project.
/// </summary>
public sealed class TestProject
{
    private int _commands;

    private TestProject(string root)
    {
        Root = root;
    }

    /// <summary>The workspace folder (global.json, NuGet.config live here).</summary>
    public string Root { get; }

    /// <summary>Extra environment for dotnet (null removes a variable).</summary>
    public Dictionary<string, string?> Environment { get; } = new();

    /// <summary>Creates an empty workspace. <paramref name="folderName"/> may hold spaces and non-ASCII letters.</summary>
    public static TestProject Create(string testName, string folderName = "ws")
    {
        string root = Path.Combine(E2E.RunRoot, testName, folderName);
        if (Directory.Exists(root))
        {
            E2E.TryDelete(root);
        }

        Directory.CreateDirectory(root);
        var project = new TestProject(root);

        // Workspaces live under the repository's artifacts/: stop the repository's own Directory.*
        // files (warnings as errors, central package versions) from applying to users' projects.
        // Tests run offline: the audit reads the real database entries of the shared fixture. A test
        // that needs its own Directory.Build.props writes it with DirectoryBuildProps, which keeps these.
        DirectoryBuildProps.Write(project, string.Empty);
        project.WriteFile("Directory.Build.targets", "<Project />\n");
        project.WriteFile("Directory.Packages.props", "<Project />\n");
        project.WriteFile("global.json", $$"""
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
              "msbuild-sdks": { "GoBuild.Sdk": "{{E2E.SdkVersion}}" }
            }
            """);
        project.WriteFile("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gobuild-test-feed" value="{SecurityElement.Escape(E2E.Feed)}" />
              </packageSources>
            </configuration>
            """);
        return project;
    }

    /// <summary>A std-only hello-world module with a project file next to go.mod.</summary>
    public static TestProject CreateHello(string testName, string? goRoot = null, string properties = "", string items = "", string folderName = "ws")
    {
        TestProject project = Create(testName, folderName);
        project.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        project.WriteFile("app/main.go", """
            package main

            import (
            	"fmt"
            	"runtime"
            )

            var version = "unset"

            func main() {
            	fmt.Printf("app %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
            }
            """);
        project.WriteGoProject("app/app.csproj", goRoot, properties, items);
        return project;
    }

    /// <summary>Full path of <paramref name="relativePath"/> in the workspace.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public TestProject WriteFile(string relativePath, string content)
    {
        // Only DirectoryBuildProps writes these: a test's own would replace the workspace's settings.
        if (string.Equals(Path.GetFileName(relativePath), "Directory.Build.props", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Write {relativePath} with DirectoryBuildProps.Write, which keeps the workspace's shared settings.");
        }

        return WriteFileUnchecked(relativePath, content);
    }

    /// <summary>Writes a file with no check of its name (DirectoryBuildProps).</summary>
    internal TestProject WriteFileUnchecked(string relativePath, string content)
    {
        string path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        return this;
    }

    /// <summary>Writes a GoBuild.Sdk project file; the toolchain defaults to the test Go.</summary>
    public TestProject WriteGoProject(string relativePath, string? goRoot = null, string properties = "", string items = "")
    {
        string toolchain = goRoot ?? RepoPaths.GoRoot(E2E.DefaultGoVersion);
        return WriteFile(relativePath, $"""
            <Project Sdk="GoBuild.Sdk">
              <PropertyGroup>
                <GoToolchainRoot Condition="'$(GoToolchainRoot)' == ''">{SecurityElement.Escape(toolchain)}</GoToolchainRoot>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>
    /// Writes <c>{folder}/{folder}.csproj</c>, a net10.0 C# console app with a ProjectReference to
    /// each of <paramref name="projectReferences"/> (relative to that folder), and a Program.cs that
    /// prints the folder's name.
    /// </summary>
    public TestProject WriteConsoleApp(string folder, params string[] projectReferences)
    {
        string references = string.Join("\n", projectReferences.Select(r => $"    <ProjectReference Include=\"{SecurityElement.Escape(r)}\" />"));
        WriteFile($"{folder}/{folder}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        return WriteFile($"{folder}/Program.cs", $"System.Console.WriteLine(\"{folder}\");\n");
    }

    /// <summary>Runs <c>dotnet build</c> on <paramref name="project"/> (relative to the workspace).</summary>
    public DotNetResult Build(string project, params string[] arguments) => DotNet("build", project, arguments);

    /// <summary>Runs a dotnet verb with a binlog, the isolated package folder and the run's cache.</summary>
    public DotNetResult DotNet(string verb, string project, params string[] arguments) =>
        DotNet(verb, project, arguments, timeout: null, onStarted: null);

    public DotNetResult DotNet(string verb, string project, string[] arguments, TimeSpan? timeout, Action<System.Diagnostics.Process>? onStarted)
    {
        int n = ++_commands;
        string binlog = Path.Combine(Root, $"{n:00}-{verb}.binlog");
        var args = new List<string> { verb };
        if (project.Length > 0)
        {
            args.Add(PathOf(project));
        }

        args.AddRange(new[] { "-nologo", "-nodeReuse:false", "-bl:" + binlog });
        args.AddRange(arguments);
        ProcessResult result = ProcessResult.Run("dotnet", args, Root, DotNetEnvironment(), timeout ?? TimeSpan.FromMinutes(5), onStarted);
        return new DotNetResult("dotnet " + string.Join(" ", args), result, binlog);
    }

    /// <summary>The environment every dotnet process of the workspace gets: isolated packages, the run's cache, plain logs.</summary>
    public Dictionary<string, string?> DotNetEnvironment()
    {
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = E2E.NuGetPackages,
            ["XDG_CACHE_HOME"] = E2E.UserCache,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
        };
        foreach (KeyValuePair<string, string?> pair in Environment)
        {
            env[pair.Key] = pair.Value;
        }

        return env;
    }

    /// <summary>Runs a built program and returns its trimmed output, failing the test on a non-zero exit.</summary>
    public string RunProgram(string relativePath, params string[] arguments)
    {
        ProcessResult result = ProcessResult.Run(PathOf(relativePath), arguments, Root);
        Assert.AreEqual(0, result.ExitCode, $"{relativePath} failed: {result.Output}");
        return result.Output.Trim();
    }

    /// <summary>Sets a file's write time into the past, so a later edit is surely newer than any output.</summary>
    public void Age(params string[] relativePaths)
    {
        foreach (string path in relativePaths.Select(PathOf))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
        }
    }
}
