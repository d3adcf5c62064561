using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>`dotnet publish` puts the Go binary for the requested runtime identifier in the publish folder.</summary>
[TestClass]
public sealed class CrossCompilePublishTests
{
    [TestMethod]
    public void Publish_WithRuntimeIdentifier_PublishesThatTargetsBinary_AndWithoutOneTheHostBuild()
    {
        TestProject ws = TestProject.CreateHello(nameof(Publish_WithRuntimeIdentifier_PublishesThatTargetsBinary_AndWithoutOneTheHostBuild));

        DotNetResult arm64 = ws.DotNet("publish", "app/app.csproj", "-r", "linux-arm64").AssertSuccess();

        string folder = ws.PathOf("app/bin/Debug/linux-arm64/publish");
        CollectionAssert.AreEqual(new[] { "app" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray(), arm64.Describe());
        Assert.AreEqual("ELF64 aarch64", CrossCompileBinaries.Identify(Path.Combine(folder, "app")));
        ProcessResult run = ProcessResult.Run(RepoPaths.Tool("qemu-aarch64-static"), new[] { Path.Combine(folder, "app") }, ws.Root);
        Assert.AreEqual("app unset linux/arm64", run.Output.Trim());

        ws.DotNet("publish", "app/app.csproj").AssertSuccess();

        Assert.AreEqual("app unset linux/amd64", ws.RunProgram("app/bin/Debug/publish/app"));
    }

    [TestMethod]
    public void Build_WithRuntimeIdentifiers_BuildsEveryMappedTargetIntoItsRidFolder()
    {
        TestProject ws = TestProject.CreateHello(
            nameof(Build_WithRuntimeIdentifiers_BuildsEveryMappedTargetIntoItsRidFolder),
            properties: "<RuntimeIdentifiers>linux-x64;linux-musl-x64</RuntimeIdentifiers>");

        ws.Build("app/app.csproj").AssertSuccess();

        Assert.AreEqual("app unset linux/amd64", ws.RunProgram("app/bin/Debug/linux-x64/app"));
        Assert.AreEqual("app unset linux/amd64", ws.RunProgram("app/bin/Debug/linux-musl-x64/app"));
    }
}
