using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>The developer's shell never changes what the SDK builds.</summary>
[TestClass]
public sealed class EnvironmentHygieneTests
{
    [TestMethod]
    public void Build_InShellWithHostileGoVariables_ProducesTheSameBinaryAsACleanShell()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_InShellWithHostileGoVariables_ProducesTheSameBinaryAsACleanShell),
            items: """<GoLinkerVariable Include="main.version" Value="1.0.0" />""");
        foreach (string name in new[] { "GOROOT", "GOFLAGS", "GOOS", "GOARCH", "GOTOOLCHAIN", "GOPROXY", "CGO_ENABLED", "GOPATH", "GOCACHE", "GOENV", "GOWORK", "GOEXPERIMENT", "GODEBUG", "CC" })
        {
            ws.Environment[name] = null;
        }

        ws.Build("app/app.csproj").AssertSuccess();
        byte[] clean = File.ReadAllBytes(ws.PathOf("app/bin/Debug/app"));

        var hostile = new Dictionary<string, string>
        {
            ["GOROOT"] = "/nonexistent",
            ["GOFLAGS"] = "-mod=mod",
            ["GOOS"] = "windows",
            ["GOARCH"] = "arm64",
            ["GOTOOLCHAIN"] = "go1.99.0",
            ["GOPROXY"] = "http://127.0.0.1:9",
            ["CGO_ENABLED"] = "1",
            ["GOEXPERIMENT"] = "nosuchexperiment",
            ["GOENV"] = ws.PathOf("hostile.env"),
            ["GOCACHE"] = "/nonexistent/cache",
        };
        ws.WriteFile("hostile.env", "GOFLAGS=-tags=hostile\n");
        foreach (KeyValuePair<string, string> pair in hostile)
        {
            ws.Environment[pair.Key] = pair.Value;
        }

        ws.Build("app/app.csproj", "-t:Rebuild").AssertSuccess();
        byte[] dirty = File.ReadAllBytes(ws.PathOf("app/bin/Debug/app"));

        Assert.AreEqual(Convert(clean), Convert(dirty), "the hostile shell changed the binary");
        Assert.AreEqual("app 1.0.0 linux/amd64", ws.RunProgram("app/bin/Debug/app"));
    }

    private static string Convert(byte[] bytes) => System.Convert.ToHexString(SHA256.HashData(bytes));
}
