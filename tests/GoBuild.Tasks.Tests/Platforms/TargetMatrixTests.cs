using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

[TestClass]
public sealed class TargetMatrixTests
{
    private static TargetMatrixSettings Settings(string mode = "exe") => new()
    {
        HostGoOS = "linux",
        HostGoArch = "amd64",
        BuildMode = mode,
        OutputName = "app",
        OutDir = "/out",
        IntermediateDirectory = "/obj",
    };

    private static IReadOnlyList<GoTargetPlatform> Select(TargetMatrixSettings settings) => TargetMatrix.Select(settings, RuntimeIdentifierTable.Default);

    [TestMethod]
    public void Select_WithNothingAsked_IsTheHostWithoutRid_AtTheTopOfOutDir()
    {
        GoTargetPlatform target = Select(Settings()).Single();

        Assert.AreEqual("linux-amd64", target.Key);
        Assert.AreEqual(string.Empty, target.RuntimeIdentifier);
        Assert.IsTrue(target.Implicit);
        Assert.AreEqual(Path.Combine("/out", "app"), target.OutputPath);
        Assert.AreEqual(Path.Combine("/obj", "linux-amd64.inputs"), target.InputsFile);
    }

    [TestMethod]
    public void Select_WithRuntimeIdentifiersAndPlatforms_NamesEachFolderByRid_InDeclarationThenTableOrder()
    {
        TargetMatrixSettings settings = Settings();
        settings.TargetPlatforms = "windows/amd64; linux/arm";
        settings.RuntimeIdentifiers = "osx-arm64;linux-arm64;win-x64";

        IReadOnlyList<GoTargetPlatform> targets = Select(settings);

        CollectionAssert.AreEqual(new[] { "win-x64", "linux-arm", "linux-arm64", "osx-arm64" }, targets.Select(t => t.Key).ToArray());
        Assert.AreEqual(Path.Combine("/out", "win-x64", "app.exe"), targets[0].OutputPath);
        Assert.AreEqual("7", targets[1].GoArm, "linux-arm implies GOARM=7");
    }

    [TestMethod]
    public void Select_WithRuntimeIdentifier_PrefersTheItemWithThatRid_AndWritesAtTheTop()
    {
        TargetMatrixSettings settings = Settings();
        settings.RuntimeIdentifier = "linux-musl-x64";
        settings.Declared = new[] { new DeclaredTarget("linux/amd64", new Dictionary<string, string> { ["RuntimeIdentifier"] = "linux-musl-x64", ["GOAMD64"] = "v3" }) };

        GoTargetPlatform target = Select(settings).Single();

        Assert.AreEqual("v3", target.GoAmd64);
        Assert.AreEqual("linux/amd64 linux-musl-x64", target.Context);
        Assert.AreEqual(Path.Combine("/out", "app"), target.OutputPath);
    }

    [TestMethod]
    public void Select_ReadsPlatformsInAnyCase()
    {
        TargetMatrixSettings settings = Settings();
        settings.TargetPlatforms = " Windows/AMD64 ";

        GoTargetPlatform target = Select(settings).Single();

        Assert.AreEqual("windows/amd64", target.Pair);
        Assert.AreEqual("win-x64", target.RuntimeIdentifier);
    }

    [TestMethod]
    [DataRow("exe", "windows", "amd64", "app.exe")]
    [DataRow("exe", "js", "wasm", "app.wasm")]
    [DataRow("c-shared", "linux", "amd64", "libapp.so")]
    [DataRow("c-shared", "windows", "amd64", "app.dll")]
    [DataRow("c-shared", "darwin", "arm64", "libapp.dylib")]
    [DataRow("c-archive", "linux", "arm64", "libapp.a")]
    [DataRow("wasi-reactor", "wasip1", "wasm", "app.wasm")]
    public void OutputFileName_FollowsBuildModeAndOs(string mode, string goOS, string goArch, string expected) =>
        Assert.AreEqual(expected, TargetMatrix.OutputFileName(mode, "app", goOS, goArch));

    [TestMethod]
    public void Select_CShared_PutsTheHeaderNextToTheLibrary()
    {
        GoTargetPlatform target = Select(Settings("c-shared")).Single();

        Assert.AreEqual(Path.Combine("/out", "libapp.h"), target.HeaderPath);
    }

    [TestMethod]
    public void Select_WasiReactor_IsOneTarget_WhateverIsAsked()
    {
        TargetMatrixSettings settings = Settings("wasi-reactor");
        settings.RuntimeIdentifiers = "linux-x64;win-x64";

        GoTargetPlatform target = Select(settings).Single();

        Assert.AreEqual("wasip1/wasm", target.Pair);
        Assert.AreEqual(Path.Combine("/out", "app.wasm"), target.OutputPath);
    }

    [TestMethod]
    public void Select_WithTwoTargetsForOneFolder_FailsWithGOB4008()
    {
        TargetMatrixSettings settings = Settings();
        settings.Declared = new[]
        {
            new DeclaredTarget("linux/arm", new Dictionary<string, string> { ["GOARM"] = "6" }),
            new DeclaredTarget("linux/arm", new Dictionary<string, string> { ["GOARM"] = "7" }),
        };

        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => Select(settings));

        StringAssert.StartsWith(error.Message, "GOB4008: ");
        StringAssert.Contains(error.Message, "linux/arm, linux/arm → linux-arm");
    }
}
