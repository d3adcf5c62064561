using GoBuild.Tasks.Modules;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class GoSumFileTests
{
    [TestMethod]
    public void Parse_SeparatesContentAndGoModHashes()
    {
        GoSumFile sum = GoSumFile.Parse("""
            example.test/greet v1.0.0 h1:content=
            example.test/greet v1.0.0/go.mod h1:gomod=
            example.test/old v0.1.0/go.mod h1:onlygomod=
            not a valid line at all
            """);

        var greet = new ModuleVersion("example.test/greet", "v1.0.0");
        CollectionAssert.AreEqual(new[] { "h1:content=" }, (System.Collections.ICollection)sum.HashesOf(greet, goMod: false));
        CollectionAssert.AreEqual(new[] { "h1:gomod=" }, (System.Collections.ICollection)sum.HashesOf(greet, goMod: true));
        Assert.IsTrue(sum.Has(new ModuleVersion("example.test/old", "v0.1.0"), goMod: true));
        Assert.IsFalse(sum.Has(new ModuleVersion("example.test/old", "v0.1.0"), goMod: false));
    }

    [TestMethod]
    public void OfGoMod_EqualsTheHashGoRecordsInGoSum()
    {
        // The proxy's go.sum lines come from the real go.
        FileModuleProxy proxy = FileModuleProxy.Create(RepoPaths.NewTempDirectory("proxy"));

        Assert.AreEqual(proxy.GoModHash(FileModuleProxy.V1), ModuleHash.OfGoMod(System.Text.Encoding.UTF8.GetBytes(FileModuleProxy.GoMod)));
    }
}
