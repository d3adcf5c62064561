using System.IO;
using System.Security;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A workspace whose module <c>example.com/app</c> (project <c>app/app.csproj</c>) requires
/// <c>example.test/greet v1.0.0</c> from a file:// proxy, with go.sum as go computed it unless a
/// test says otherwise. The module is private (GoPrivateModules), fetched through the proxy
/// (GONOPROXY=none), into a module cache the test chooses.
/// </summary>
public sealed class GreetApp
{
    public const string Project = "app/app.csproj";
    public const string Greet = FileModuleProxy.ModulePath + " " + FileModuleProxy.V1;

    private GreetApp(TestProject workspace, FileModuleProxy proxy, string moduleCache)
    {
        Workspace = workspace;
        Proxy = proxy;
        ModuleCache = moduleCache;
    }

    public TestProject Workspace { get; }

    public FileModuleProxy Proxy { get; }

    public string ModuleCache { get; }

    public string GoSumPath => Workspace.PathOf("app/go.sum");

    /// <summary>
    /// Creates the workspace. <paramref name="goSum"/> null writes go's own lines, empty writes no
    /// go.sum; <paramref name="moduleCache"/> null gives the workspace an empty cache of its own, empty
    /// leaves GoModuleCacheDir unset (the per-user cache under XDG_CACHE_HOME).
    /// </summary>
    public static GreetApp Create(string testName, FileModuleProxy? proxy = null, string? goSum = null, string? moduleCache = null, string? goRoot = null, string properties = "", string items = "")
    {
        TestProject ws = TestProject.Create(testName);
        proxy ??= FileModuleProxy.Create(ws.PathOf("proxy"));
        moduleCache ??= ws.PathOf("modcache");
        string cacheProperty = moduleCache.Length == 0 ? string.Empty : $"<GoModuleCacheDir>{SecurityElement.Escape(moduleCache)}</GoModuleCacheDir>";
        ws.WriteFile("app/go.mod", $"module example.com/app\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V1}\n");
        ws.WriteFile("app/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.test/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        goSum ??= proxy.GoSumLines(FileModuleProxy.V1);
        if (goSum.Length > 0)
        {
            ws.WriteFile("app/go.sum", goSum);
        }

        ws.WriteGoProject(Project, goRoot, properties: $"""
            <GoModuleProxy>{SecurityElement.Escape(proxy.Url)}</GoModuleProxy>
            <GoPrivateModules>example.test</GoPrivateModules>
            {cacheProperty}
            {properties}
            """, items: """<GoEnvironment Include="GONOPROXY" Value="none" />""" + items);
        return new GreetApp(ws, proxy, moduleCache);
    }

    /// <summary>Runs dotnet build on the app and asserts go.sum is byte for byte what it was before.</summary>
    public DotNetResult Build(params string[] arguments)
    {
        byte[]? before = File.Exists(GoSumPath) ? File.ReadAllBytes(GoSumPath) : null;
        DotNetResult result = Workspace.Build(Project, arguments);
        AssertGoSumIs(before, result);
        return result;
    }

    /// <summary>Runs dotnet restore on <paramref name="target"/> and asserts go.sum is unchanged.</summary>
    public DotNetResult Restore(string target = Project)
    {
        byte[]? before = File.Exists(GoSumPath) ? File.ReadAllBytes(GoSumPath) : null;
        DotNetResult result = Workspace.DotNet("restore", target);
        AssertGoSumIs(before, result);
        return result;
    }

    private void AssertGoSumIs(byte[]? before, DotNetResult result)
    {
        if (before == null)
        {
            Assert.IsFalse(File.Exists(GoSumPath), "The build created go.sum. " + result.Describe());
        }
        else
        {
            CollectionAssert.AreEqual(before, File.ReadAllBytes(GoSumPath), "The build changed go.sum. " + result.Describe());
        }
    }
}
