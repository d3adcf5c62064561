using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>GoPassEnvironment, GOTELEMETRY and the core budget as every go child sees them.</summary>
[TestClass]
public sealed class GoEnvironmentPassTests
{
    [TestMethod]
    public void Build_WithGoPassEnvironment_GivesEveryGoTheValue_AndNoLogOrRecordOfTheSdkHoldsIt()
    {
        string name = nameof(Build_WithGoPassEnvironment_GivesEveryGoTheValue_AndNoLogOrRecordOfTheSdkHoldsIt);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), probeVariable: "AWS_SECRET_ACCESS_KEY");
        GreetApp app = GreetApp.Create(name, goRoot: go.Root, properties: "<GoPassEnvironment>AWS_ACCESS_KEY_ID;AWS_SECRET_ACCESS_KEY</GoPassEnvironment>");
        string secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        app.Workspace.Environment["AWS_ACCESS_KEY_ID"] = "AKIATEST";
        app.Workspace.Environment["AWS_SECRET_ACCESS_KEY"] = secret;

        // Restore (go mod download), verification (go list, go mod verify) and the build, at full verbosity.
        DotNetResult build = app.Build("-v:diag").AssertSuccess();

        Assert.IsTrue(go.Count("mod") >= 1 && go.Count("build") >= 1, string.Join("\n", go.Invocations));
        Assert.AreEqual(go.Invocations.Length, go.Environments.Length);
        foreach (string env in go.Environments)
        {
            StringAssert.Contains(env, "AWS_SECRET_ACCESS_KEY=" + secret, "a go child did not get the variable");
        }

        Assert.IsFalse(build.Output.Contains(secret, StringComparison.Ordinal), "The -v:diag log holds the secret value.");
        foreach (string file in Directory.EnumerateFiles(app.Workspace.Root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".binlog", StringComparison.Ordinal)))
        {
            Assert.IsFalse(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), "A file the build wrote holds the secret value: " + file);
        }
    }

    [TestMethod]
    public void Build_WithGoPassEnvironmentNamingAVariableTheSdkSets_FailsWithGOB1033BeforeGoBuilds()
    {
        string name = nameof(Build_WithGoPassEnvironmentNamingAVariableTheSdkSets_FailsWithGOB1033BeforeGoBuilds);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.CreateHello(name, goRoot: go.Root, properties: "<GoPassEnvironment>HTTPS_PROXY;GOFLAGS</GoPassEnvironment>");

        DotNetResult build = ws.Build("app/app.csproj").AssertFailure();

        string error = build.AssertError("GOB1033", "GOFLAGS");
        StringAssert.Contains(error, "GoModMode");
        Assert.AreEqual(0, go.Count("build"), string.Join("\n", go.Invocations));
    }

    [TestMethod]
    public void Build_WithGoCacheProgAndGo122_FailsWithGOB1032NamingGoCacheProg()
    {
        string name = nameof(Build_WithGoCacheProgAndGo122_FailsWithGOB1032NamingGoCacheProg);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name), version: "1.22.12");
        TestProject ws = TestProject.CreateHello(name, goRoot: go.Root, properties: "<GoCacheProg>gocacheprog -dir /tmp/x</GoCacheProg>");

        DotNetResult build = ws.Build("app/app.csproj").AssertFailure();

        string error = build.AssertError("GOB1032", "GoCacheProg");
        StringAssert.Contains(error, "go1.22.12");
        Assert.AreEqual(0, go.Count("build"), string.Join("\n", go.Invocations));
    }

    [TestMethod]
    public void Build_RunsEveryGoWithTelemetryOff_AndLeavesNoGoProcessBehind()
    {
        string name = nameof(Build_RunsEveryGoWithTelemetryOff_AndLeavesNoGoProcessBehind);
        CountingToolchain go = CountingToolchain.Create(Path.Combine(E2E.RunRoot, name));
        TestProject ws = TestProject.CreateHello(name, goRoot: go.Root, properties: "<GoTargetPlatforms>linux/amd64;linux/arm64</GoTargetPlatforms><GoBuildParallelism>1</GoBuildParallelism>");

        ws.Build("app/app.csproj").AssertSuccess();

        Assert.IsTrue(go.Environments.Length >= 2, string.Join("\n", go.Invocations));
        foreach (string env in go.Environments)
        {
            StringAssert.StartsWith(env, "GOTELEMETRY=off ", "a go child ran with telemetry on");
        }

        // GoBuildParallelism=1: one core for the task, so each go build gets -p 1 and GOMAXPROCS=1.
        Assert.IsTrue(go.Invocations.Where(i => i.StartsWith("build ", StringComparison.Ordinal)).All(i => i.StartsWith("build -p 1 ", StringComparison.Ordinal)), string.Join("\n", go.Invocations));
        Assert.IsTrue(go.Environments.Where(e => e.Contains("GOMAXPROCS=1 ", StringComparison.Ordinal)).Count() >= 2, string.Join("\n", go.Environments));

        // Every go the build started (telemetry's own child included) ran with this GOROOT: none is left.
        string marker = "GOROOT=" + go.Root;
        var leftovers = Process.GetProcesses().Where(p => Environ(p.Id).Contains(marker)).Select(p => p.Id + " " + p.ProcessName).ToList();
        Assert.AreEqual(0, leftovers.Count, "Processes outlived the build: " + string.Join(", ", leftovers));
    }

    private static string[] Environ(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
        catch (UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
