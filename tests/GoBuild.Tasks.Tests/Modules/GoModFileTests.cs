using System.Linq;
using GoBuild.Tasks.Modules;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class GoModFileTests
{
    private const string Text = """
        // The app.
        module example.com/app

        go 1.22

        toolchain go1.26.11

        require example.test/single v1.2.3 // indirect

        require (
        	example.test/greet v1.0.0
        	"example.test/quoted" v0.1.0
        	example.test/local v0.0.0-00010101000000-000000000000 // replaced below
        	example.test/moved v2.0.0+incompatible
        )

        replace example.test/local => ../local

        replace (
        	example.test/moved v2.0.0+incompatible => example.test/elsewhere v2.1.0
        	example.test/unused => example.test/other v1.0.0
        )

        exclude example.test/greet v0.9.0
        """;

    [TestMethod]
    public void Parse_ReadsModuleGoVersionRequirementsAndReplacements()
    {
        GoModFile file = GoModFile.Parse(Text);

        Assert.AreEqual("example.com/app", file.ModulePath);
        Assert.AreEqual("1.22", file.GoVersion);
        CollectionAssert.AreEqual(
            new[] { "example.test/single@v1.2.3", "example.test/greet@v1.0.0", "example.test/quoted@v0.1.0", "example.test/local@v0.0.0-00010101000000-000000000000", "example.test/moved@v2.0.0+incompatible" },
            file.Requires.Select(r => r.ToString()).ToArray());
        Assert.AreEqual(3, file.Replaces.Count);
        Assert.IsTrue(file.Replaces[0].IsLocal);
        Assert.AreEqual("example.test/elsewhere@v2.1.0", file.Replaces[1].New.ToString());
    }

    [TestMethod]
    public void ResolvedRequirements_DropLocalReplacementsAndFollowModuleReplacements()
    {
        GoModFile file = GoModFile.Parse(Text);

        CollectionAssert.AreEqual(
            new[] { "example.test/single@v1.2.3", "example.test/greet@v1.0.0", "example.test/quoted@v0.1.0", "example.test/elsewhere@v2.1.0" },
            file.ResolvedRequirements().Select(r => r.ToString()).ToArray());
    }

    [TestMethod]
    public void Parse_StdOnlyModule_HasNoRequirements()
    {
        GoModFile file = GoModFile.Parse("module example.com/app\r\n\r\ngo 1.22\r\n");

        Assert.AreEqual(0, file.ResolvedRequirements().Count);
        Assert.AreEqual("1.22", file.GoVersion);
    }

    [TestMethod]
    public void Escape_EncodesUpperCaseLettersAsGoDoes()
    {
        Assert.AreEqual("github.com/!azure/azure-sdk-for-go", ModuleVersion.Escape("github.com/Azure/azure-sdk-for-go"));
        Assert.AreEqual("v1.0.0-!r!c1", ModuleVersion.Escape("v1.0.0-RC1"));
    }
}
