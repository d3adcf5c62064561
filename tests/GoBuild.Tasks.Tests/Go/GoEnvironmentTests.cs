using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoEnvironmentTests
{
    private static readonly string s_goRoot = Path.Combine(Path.GetTempPath(), "env-tests", "go");
    private static readonly GoCacheLocations s_caches = new(Path.Combine(Path.GetTempPath(), "env-tests", "cache"));

    // Everything a developer's shell might set that changes what go does or which go runs.
    private static readonly Dictionary<string, string> s_hostile = new()
    {
        ["GOROOT"] = "/nonexistent",
        ["GOFLAGS"] = "-mod=mod",
        ["GOOS"] = "windows",
        ["GOARCH"] = "arm64",
        ["GOTOOLCHAIN"] = "go1.99.0",
        ["GOPROXY"] = "http://127.0.0.1:9",
        ["GOSUMDB"] = "off",
        ["GOPRIVATE"] = "*",
        ["GONOSUMDB"] = "*",
        ["GOINSECURE"] = "*",
        ["CGO_ENABLED"] = "1",
        ["CGO_CFLAGS"] = "-O0",
        ["CC"] = "/evil/cc",
        ["CXX"] = "/evil/c++",
        ["GOENV"] = "/evil/go.env",
        ["GOWORK"] = "/evil/go.work",
        ["GOPATH"] = "/evil/gopath",
        ["GOCACHE"] = "/evil/cache",
        ["GOMODCACHE"] = "/evil/mod",
        ["GOBIN"] = "/evil/bin",
        ["GOEXPERIMENT"] = "arenas",
        ["GODEBUG"] = "panicnil=1",
        ["GOAMD64"] = "v4",
        ["GOARM"] = "5",
        ["DOTNET_ROOT"] = "/usr/share/dotnet",
        ["MSBuildExtensionsPath"] = "/evil",
    };

    [TestMethod]
    public void Create_WithHostileAmbientEnvironment_LetsNoneOfItThrough()
    {
        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(s_hostile));

        foreach (KeyValuePair<string, string> hostile in s_hostile)
        {
            Assert.IsFalse(
                env.TryGetValue(hostile.Key, out string? value) && value == hostile.Value,
                $"{hostile.Key}={hostile.Value} reached the child environment");
        }

        CollectionAssert.IsSubsetOf(
            env.Keys.ToArray(),
            new[] { "GOROOT", "GOTOOLCHAIN", "GOENV", "GOWORK", "GOFLAGS", "GOCACHE", "GOMODCACHE", "GOPATH", "CGO_ENABLED", "HOME" },
            string.Join(", ", env.Keys));
    }

    [TestMethod]
    public void Create_PinsToolchainAndDisablesUserConfiguration()
    {
        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(s_hostile));

        Assert.AreEqual(s_goRoot, env["GOROOT"]);
        Assert.AreEqual("local", env["GOTOOLCHAIN"]);
        Assert.AreEqual("off", env["GOENV"]);
        Assert.AreEqual("off", env["GOWORK"]);
        Assert.AreEqual(string.Empty, env["GOFLAGS"]);
        Assert.AreEqual("0", env["CGO_ENABLED"]);
    }

    [TestMethod]
    public void Create_PointsCachesAtTheSharedPerUserFolders()
    {
        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(s_hostile));

        Assert.AreEqual(s_caches.BuildCache, env["GOCACHE"]);
        Assert.AreEqual(s_caches.ModuleCache, env["GOMODCACHE"]);
        Assert.AreEqual(s_caches.GoPath, env["GOPATH"]);
    }

    [TestMethod]
    public void Create_PassesUserLocationTempAndNetworkSettingsThrough()
    {
        var ambient = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin",
            ["HOME"] = "/home/dev",
            ["TMPDIR"] = "/var/tmp",
            ["LANG"] = "C.UTF-8",
            ["HTTPS_PROXY"] = "http://proxy:3128",
            ["https_proxy"] = "http://proxy:3129",
            ["NO_PROXY"] = "localhost",
            ["SSL_CERT_FILE"] = "/etc/ssl/ca.pem",
            ["SSH_AUTH_SOCK"] = "/run/ssh.sock",
        };

        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(ambient));

        foreach (KeyValuePair<string, string> pair in ambient)
        {
            Assert.IsTrue(env.TryGetValue(pair.Key, out string? value), pair.Key + " was dropped");
            Assert.AreEqual(pair.Value, value, pair.Key);
        }
    }

    [TestMethod]
    public void Create_SkipsEmptyPassThroughValues()
    {
        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(new Dictionary<string, string> { ["TMPDIR"] = "" }));

        Assert.IsFalse(env.ContainsKey("TMPDIR"));
    }

    [TestMethod]
    public void Create_WithoutHome_GivesGoTheCacheRootAsHome()
    {
        Dictionary<string, string> env = GoEnvironment.Create(s_goRoot, s_caches, Lookup(new Dictionary<string, string>()));

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.IsFalse(env.ContainsKey("HOME"));
        }
        else
        {
            Assert.AreEqual(s_caches.Root, env["HOME"]);
        }
    }

    [TestMethod]
    [DataRow("GOROOT")]
    [DataRow("GOTOOLCHAIN")]
    [DataRow("GOENV")]
    [DataRow("goroot")]
    [DataRow("GoToolchain")]
    public void DecidingProperty_ForVariablesThatPinTheToolchain_IsKnownInAnyCase(string name)
    {
        Assert.IsNotNull(GoEnvironment.DecidingProperty(name));
    }

    [TestMethod]
    [DataRow("GODEBUG")]
    [DataRow("GOEXPERIMENT")]
    [DataRow("CGO_CFLAGS")]
    public void DecidingProperty_ForVariablesTheUserMaySet_IsNull(string name)
    {
        Assert.IsNull(GoEnvironment.DecidingProperty(name));
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> values) =>
        name => values.TryGetValue(name, out string? value) ? value : null;
}
