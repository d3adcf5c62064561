using System;
using System.IO;
using System.Linq;
using System.Reflection;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.MethodLevel)]

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// Run-wide state of the end-to-end tests: the local feed holding the SDK built from this tree, an
/// isolated NuGet package folder, and one per-user cache folder (Go's build cache, toolchains)
/// shared by the tests of this run so only the first build of each platform is cold.
/// </summary>
[TestClass]
public static class E2E
{
    private static string? s_runRoot;

    /// <summary>The local feed with GoBuild.Sdk.</summary>
    public static string Feed { get; private set; } = string.Empty;

    /// <summary>The version of the package in the feed.</summary>
    public static string SdkVersion { get; private set; } = string.Empty;

    /// <summary>Folder for this run's projects and caches.</summary>
    public static string RunRoot => s_runRoot ?? throw new InvalidOperationException("E2E not initialised");

    /// <summary>NUGET_PACKAGES for every dotnet process of the run.</summary>
    public static string NuGetPackages => Path.Combine(RunRoot, "nuget-packages");

    /// <summary>XDG_CACHE_HOME for every dotnet process: the SDK's per-user caches live below it.</summary>
    public static string UserCache => Path.Combine(RunRoot, "user-cache");

    /// <summary>The Go the tests build with unless they say otherwise.</summary>
    public const string DefaultGoVersion = "1.26.11";

    [AssemblyInitialize]
    public static void Initialize(TestContext context)
    {
        Feed = typeof(E2E).Assembly.GetCustomAttribute<TestFeedAttribute>()!.Path;
        string? package = Directory.Exists(Feed) ? Directory.GetFiles(Feed, "GoBuild.Sdk.*.nupkg").SingleOrDefault() : null;
        if (package == null)
        {
            Assert.Fail($"No GoBuild.Sdk package in {Feed}: the test project's build packs it (PackSdkForTests).");
        }

        SdkVersion = Path.GetFileNameWithoutExtension(package!).Substring("GoBuild.Sdk.".Length);
        DeleteOldRuns();
        s_runRoot = RepoPaths.NewTempDirectory("e2e");
        Directory.CreateDirectory(NuGetPackages);
        Directory.CreateDirectory(UserCache);

        // Every test needs the default Go; fail the whole run at once if it is missing.
        RepoPaths.GoRoot(DefaultGoVersion);
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        // Folders of failed tests are kept (their paths are in the failure messages); the shared
        // caches go, unless asked to stay for debugging.
        if (s_runRoot != null && Environment.GetEnvironmentVariable("GOBUILD_KEEP_TEST_FILES") != "1")
        {
            TryDelete(Path.Combine(s_runRoot, "nuget-packages"));
            TryDelete(Path.Combine(s_runRoot, "user-cache"));
        }
    }

    /// <summary>
    /// Deletes a passed test's folders as soon as it ends. A full run writes about 3 GB of
    /// workspaces, toolchains unpacked into per-test caches and module caches; kept to the end, they
    /// filled a CI machine's disk, and the tests running then failed with "No space left on device".
    /// A test's folder is the one under the run root named as its method. Folders of data rows and
    /// of a class's shared fixtures (about 80 MB in all) stay to the end: rows of one method may run
    /// at once. Failed tests keep theirs, for the paths in their messages.
    /// </summary>
    [GlobalTestCleanup]
    public static void DeletePassedTestFolders(TestContext context)
    {
        if (s_runRoot == null
            || context.CurrentTestOutcome != UnitTestOutcome.Passed
            || Environment.GetEnvironmentVariable("GOBUILD_KEEP_TEST_FILES") == "1"
            || string.IsNullOrEmpty(context.TestName))
        {
            return;
        }

        TryDelete(Path.Combine(s_runRoot, context.TestName));
    }

    // Earlier runs' folders (kept so failures can be inspected) go once they are a few hours old.
    private static void DeleteOldRuns()
    {
        string tmp = Path.Combine(RepoPaths.Root, "artifacts", "tmp");
        if (!Directory.Exists(tmp))
        {
            return;
        }

        foreach (string dir in Directory.GetDirectories(tmp, "e2e-*"))
        {
            if (Directory.GetCreationTimeUtc(dir) < DateTime.UtcNow.AddHours(-3))
            {
                TryDelete(dir);
            }
        }
    }

    /// <summary>Deletes a folder, ignoring failures (read-only module cache files and the like).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
