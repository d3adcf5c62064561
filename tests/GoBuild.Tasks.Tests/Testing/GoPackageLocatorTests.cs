using System.IO;
using GoBuild.Tasks.Testing;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class GoPackageLocatorTests
{
    [TestMethod]
    public void DirectoryOf_PackagesOfTheMainModule_MapsBelowItsRoot_OthersToNull()
    {
        string root = RepoPaths.NewTempDirectory("locator");
        File.WriteAllText(Path.Combine(root, "go.mod"), "// comment\nmodule \"example.com/m\"\n\ngo 1.22\n");

        GoPackageLocator locator = GoPackageLocator.ForModule(root)!;

        Assert.AreEqual(root, locator.DirectoryOf("example.com/m"));
        Assert.AreEqual(Path.Combine(root, "a", "b"), locator.DirectoryOf("example.com/m/a/b"));
        Assert.IsNull(locator.DirectoryOf("example.com/mother"));
        Assert.IsNull(locator.DirectoryOf("fmt"));
    }

    [TestMethod]
    public void ForModule_WithoutGoMod_IsNull()
    {
        Assert.IsNull(GoPackageLocator.ForModule(RepoPaths.NewTempDirectory("locator")));
    }
}
