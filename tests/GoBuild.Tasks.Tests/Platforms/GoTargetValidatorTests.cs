using System.Collections.Generic;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Platforms;

[TestClass]
public sealed class GoTargetValidatorTests
{
    private static GoTargetValidator Validator(string version = "go1.26.11") =>
        new(PlatformData.Platforms, PlatformData.Table(), version, "linux", "amd64");

    private static IReadOnlyList<GoTargetError> Check(GoTargetPlatform target, string buildMode = "exe", string version = "go1.26.11")
    {
        GoTargetValidator validator = Validator(version);
        TargetMatrix.Complete(target, PlatformData.Table());
        return validator.Validate(target, buildMode);
    }

    private static void AssertSingle(IReadOnlyList<GoTargetError> errors, string resourceName, string code, params string[] fragments)
    {
        Assert.HasCount(1, errors, string.Join("\n", errors));
        Assert.AreEqual(resourceName, errors[0].ResourceName);
        string text = errors[0].ToString();
        StringAssert.StartsWith(text, code + ": ");
        foreach (string fragment in fragments)
        {
            StringAssert.Contains(text, fragment);
        }
    }

    [TestMethod]
    public void Validate_SupportedTargets_HaveNoErrors()
    {
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm", GoArm = "6,softfloat" }));
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", GoAmd64 = "v3", RuntimeIdentifier = "linux-musl-x64" }));
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", GoArm64 = "v8.2,lse,crypto" }));
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "windows", GoArch = "amd64" }));
    }

    [TestMethod]
    public void Validate_UnknownPair_FailsWithGOB4002_ListingTheToolchainsPairs()
    {
        IReadOnlyList<GoTargetError> errors = Check(new GoTargetPlatform { GoOS = "linux", GoArch = "nope" });

        AssertSingle(errors, "UnknownPlatform", "GOB4002", "'linux/nope'", "go1.26.11", "darwin/arm64 js/wasm linux/amd64 linux/arm linux/arm64 wasip1/wasm windows/amd64");
    }

    [TestMethod]
    public void Validate_PairWithoutArchitecture_FailsWithGOB4002()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux" }), "UnknownPlatform", "GOB4002", "'linux/'");
    }

    [TestMethod]
    public void Validate_InvalidVariantValues_FailWithGOB4003_ListingValidOnes()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm", GoArm = "8" }), "InvalidVariant", "GOB4003", "GOARM '8'", "5, 6, 7");
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", GoAmd64 = "v5" }), "InvalidVariant", "GOB4003", "GOAMD64 'v5'", "v1, v2, v3, v4");
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", GoArm64 = "v8.10" }), "InvalidVariant", "GOB4003", "GOARM64 'v8.10'", "v9.0 to v9.5");
    }

    [TestMethod]
    public void Validate_VariantForAnotherArchitecture_FailsWithGOB4004()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", GoArm = "7" }), "VariantForOtherArchitecture", "GOB4004", "GOARM=7", "GOARCH=arm", "linux/amd64");
    }

    [TestMethod]
    public void Validate_RuntimeIdentifierOfAnotherPair_FailsWithGOB4005()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "windows", GoArch = "amd64", RuntimeIdentifier = "linux-x64" }), "RuntimeIdentifierMismatch", "GOB4005", "'linux-x64' stands for linux/amd64", "windows/amd64");
    }

    [TestMethod]
    public void Validate_RuntimeIdentifierThatCannotNameAFolder_FailsWithGOB4011()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", RuntimeIdentifier = "../up" }), "InvalidRuntimeIdentifierName", "GOB4011", "'../up'");
    }

    [TestMethod]
    public void Validate_CustomRuntimeIdentifierForAnyPair_IsAccepted()
    {
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm", GoArm = "6", RuntimeIdentifier = "linux-armv6" }));
    }

    [TestMethod]
    public void Validate_CgoForAnotherPlatformWithoutCCompiler_FailsWithGOB4006()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", CgoEnabled = "true" }), "CgoNeedsCCompiler", "GOB4006", "linux/arm64", "(linux/amd64)", "GoCCompiler");
    }

    [TestMethod]
    public void Validate_CSharedForAnotherPlatformWithoutCCompiler_FailsWithGOB4006()
    {
        // c-shared needs cgo, so its default turns cgo on.
        AssertSingle(Check(new GoTargetPlatform { GoOS = "windows", GoArch = "amd64" }, buildMode: "c-shared"), "CgoNeedsCCompiler", "GOB4006");
    }

    [TestMethod]
    public void Validate_CgoForHostOrWithCCompiler_IsAccepted()
    {
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", CgoEnabled = "true" }));
        Assert.IsEmpty(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", CgoEnabled = "true", CCompiler = "aarch64-linux-gnu-gcc" }));
    }

    [TestMethod]
    public void Validate_CgoOnPlatformWithoutCgo_FailsWithGOB4007()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "wasip1", GoArch = "wasm", CgoEnabled = "true", CCompiler = "clang" }), "CgoNotSupported", "GOB4007", "wasip1/wasm");
    }

    [TestMethod]
    public void Validate_GoArm64WithGo122_FailsWithGOB4010()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "arm64", GoArm64 = "v8.2" }, version: "go1.22.12"), "GoArm64NeedsNewerGo", "GOB4010", "go1.22.12");
    }

    [TestMethod]
    public void Validate_BadCgoBoolean_FailsWithGOB2004()
    {
        AssertSingle(Check(new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", CgoEnabled = "maybe" }), "InvalidBoolean", "GOB2004", "'maybe'");
    }

    [TestMethod]
    public void Complete_LinuxArmRid_ImpliesGoArm7_AndNamesNonPrimaryRidsInContext()
    {
        var arm = new GoTargetPlatform { GoOS = "linux", GoArch = "arm", RuntimeIdentifier = "linux-arm" };
        var musl = new GoTargetPlatform { GoOS = "linux", GoArch = "amd64", RuntimeIdentifier = "linux-musl-x64" };
        var explicitArm = new GoTargetPlatform { GoOS = "linux", GoArch = "arm", GoArm = "6", RuntimeIdentifier = "linux-arm" };

        TargetMatrix.Complete(arm, PlatformData.Table());
        TargetMatrix.Complete(musl, PlatformData.Table());
        TargetMatrix.Complete(explicitArm, PlatformData.Table());

        Assert.AreEqual("7", arm.GoArm);
        Assert.AreEqual("linux/arm", arm.Context);
        Assert.AreEqual("linux/amd64 linux-musl-x64", musl.Context);
        Assert.AreEqual("6", explicitArm.GoArm);
    }
}
