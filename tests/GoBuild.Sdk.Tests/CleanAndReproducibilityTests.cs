using System.IO;
using System.Linq;
using System.Security.Cryptography;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>dotnet clean and reproducible output.</summary>
[TestClass]
public sealed class CleanAndReproducibilityTests
{
    [TestMethod]
    public void Clean_AfterBuild_RemovesOutputsAndStampsButKeepsSharedCaches()
    {
        TestProject ws = TestProject.CreateHello(nameof(Clean_AfterBuild_RemovesOutputsAndStampsButKeepsSharedCaches));
        ws.Build("app/app.csproj").AssertSuccess();
        Assert.IsTrue(File.Exists(ws.PathOf("app/bin/Debug/app")));
        string goBuildCache = Path.Combine(E2E.UserCache, "gobuild", "go-build");
        Assert.IsTrue(Directory.Exists(goBuildCache), "the shared build cache is not where the docs say");

        ws.DotNet("clean", "app/app.csproj").AssertSuccess();

        Assert.IsFalse(File.Exists(ws.PathOf("app/bin/Debug/app")), "clean left the binary");
        Assert.AreEqual(0, Directory.GetFiles(ws.PathOf("app/obj"), "*.stamp", SearchOption.AllDirectories).Length, "clean left stamps");
        Assert.AreEqual(0, Directory.GetFiles(ws.PathOf("app/obj"), "*.inputs", SearchOption.AllDirectories).Length, "clean left input records");
        Assert.IsTrue(Directory.EnumerateFileSystemEntries(goBuildCache).Any(), "clean touched the shared build cache");

        // And the next build builds again rather than trusting anything clean left.
        ws.Build("app/app.csproj").AssertSuccess();
        StringAssert.StartsWith(ws.RunProgram("app/bin/Debug/app"), "app unset");
    }

    [TestMethod]
    public void Build_SameSourcesInTwoDirectories_GivesByteIdenticalBinaries()
    {
        TestProject first = TestProject.CreateHello(nameof(Build_SameSourcesInTwoDirectories_GivesByteIdenticalBinaries), folderName: "first");
        TestProject second = TestProject.CreateHello(nameof(Build_SameSourcesInTwoDirectories_GivesByteIdenticalBinaries), folderName: "second place");

        first.Build("app/app.csproj", "-c", "Release").AssertSuccess();
        second.Build("app/app.csproj", "-c", "Release").AssertSuccess();

        Assert.AreEqual(
            System.Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(first.PathOf("app/bin/Release/app")))),
            System.Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(second.PathOf("app/bin/Release/app")))));
    }
}
