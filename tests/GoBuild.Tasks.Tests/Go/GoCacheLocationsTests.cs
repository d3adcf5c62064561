using System;
using System.Collections.Generic;
using System.IO;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoCacheLocationsTests
{
    [TestMethod]
    public void DefaultRoot_OnUnixWithXdgCacheHome_IsGobuildUnderIt()
    {
        string root = GoCacheLocations.DefaultRoot(Lookup(("XDG_CACHE_HOME", "/xdg/cache"), ("HOME", "/home/dev")), isWindows: false);

        Assert.AreEqual(Path.Combine("/xdg/cache", "gobuild"), root);
    }

    [TestMethod]
    public void DefaultRoot_OnUnixWithoutXdgCacheHome_IsDotCacheUnderHome()
    {
        string root = GoCacheLocations.DefaultRoot(Lookup(("HOME", "/home/dev")), isWindows: false);

        Assert.AreEqual(Path.Combine("/home/dev", ".cache", "gobuild"), root);
    }

    [TestMethod]
    public void DefaultRoot_OnUnixWithRelativeXdgCacheHome_IgnoresIt()
    {
        // The XDG spec says relative paths are invalid and must be ignored.
        string root = GoCacheLocations.DefaultRoot(Lookup(("XDG_CACHE_HOME", "relative/cache"), ("HOME", "/home/dev")), isWindows: false);

        Assert.AreEqual(Path.Combine("/home/dev", ".cache", "gobuild"), root);
    }

    [TestMethod]
    public void DefaultRoot_OnWindows_IsGoBuildUnderLocalAppData()
    {
        string root = GoCacheLocations.DefaultRoot(
            Lookup(("LOCALAPPDATA", @"C:\Users\dev\AppData\Local"), ("XDG_CACHE_HOME", "/xdg/cache"), ("USERPROFILE", @"C:\Users\dev")),
            isWindows: true);

        Assert.AreEqual(Path.Combine(@"C:\Users\dev\AppData\Local", "GoBuild"), root);
    }

    [TestMethod]
    public void DefaultRoot_OnWindowsWithoutLocalAppData_IsUnderUserProfile()
    {
        string root = GoCacheLocations.DefaultRoot(Lookup(("USERPROFILE", @"C:\Users\dev"), ("HOME", "/home/dev")), isWindows: true);

        Assert.AreEqual(Path.Combine(@"C:\Users\dev", "AppData", "Local", "GoBuild"), root);
    }

    [TestMethod]
    public void DefaultRoot_WithoutAnyHomeVariable_FallsBackToTheUserProfileFolder()
    {
        string root = GoCacheLocations.DefaultRoot(Lookup(), isWindows: false);

        Assert.AreEqual(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobuild"), root);
    }

    [TestMethod]
    public void New_WithoutOverrides_PutsEveryCacheUnderTheRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "gobuild");

        var caches = new GoCacheLocations(root);

        Assert.AreEqual(root, caches.Root);
        Assert.AreEqual(Path.Combine(root, "go-build"), caches.BuildCache);
        Assert.AreEqual(Path.Combine(root, "mod"), caches.ModuleCache);
        Assert.AreEqual(Path.Combine(root, "gopath"), caches.GoPath);
    }

    [TestMethod]
    public void New_WithOverrides_UsesThemForBuildAndModuleCaches()
    {
        string root = Path.Combine(Path.GetTempPath(), "gobuild");
        string build = Path.Combine(Path.GetTempPath(), "my-build-cache");
        string modules = Path.Combine(Path.GetTempPath(), "my-mod-cache");

        var caches = new GoCacheLocations(root, build, modules);

        Assert.AreEqual(build, caches.BuildCache);
        Assert.AreEqual(modules, caches.ModuleCache);
        Assert.AreEqual(Path.Combine(root, "gopath"), caches.GoPath);
    }

    [TestMethod]
    public void New_WithEmptyOverrides_UsesTheDefaults()
    {
        string root = Path.Combine(Path.GetTempPath(), "gobuild");

        var caches = new GoCacheLocations(root, string.Empty, null);

        Assert.AreEqual(Path.Combine(root, "go-build"), caches.BuildCache);
        Assert.AreEqual(Path.Combine(root, "mod"), caches.ModuleCache);
    }

    private static Func<string, string?> Lookup(params (string Name, string Value)[] values)
    {
        var map = new Dictionary<string, string>();
        foreach ((string name, string value) in values)
        {
            map[name] = value;
        }

        return name => map.TryGetValue(name, out string? value) ? value : null;
    }
}
