using System.Linq;
using GoBuild.Tasks.Modules;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class VendorModulesFileTests
{
    private const string GoMod = "module example.com/app\n\ngo 1.22\n\nrequire example.test/greet v1.0.0\n\nreplace example.test/local => ../local\n";

    private const string Consistent = """
        # example.test/greet v1.0.0
        ## explicit; go 1.22
        example.test/greet
        # example.test/local => ../local
        """;

    [TestMethod]
    public void Disagreements_AsGoModVendorWroteIt_AreNone()
    {
        Assert.AreEqual(0, VendorModulesFile.Parse(Consistent).Disagreements(GoModFile.Parse(GoMod)).Count);
    }

    [TestMethod]
    public void Disagreements_OtherVersionVendored_NamesTheRequiredVersion()
    {
        string text = Consistent.Replace("greet v1.0.0", "greet v1.1.0");

        var problems = VendorModulesFile.Parse(text).Disagreements(GoModFile.Parse(GoMod));

        Assert.AreEqual(1, problems.Count, string.Join("\n", problems));
        Assert.AreEqual("example.test/greet@v1.0.0", problems[0].Module.ToString());
        StringAssert.Contains(problems[0].Problem, "v1.1.0");
    }

    [TestMethod]
    public void Disagreements_NotMarkedExplicit_IsReported()
    {
        string text = Consistent.Replace("## explicit; go 1.22\n", string.Empty);

        var problems = VendorModulesFile.Parse(text).Disagreements(GoModFile.Parse(GoMod));

        Assert.AreEqual("example.test/greet@v1.0.0", problems.Single().Module.ToString());
        StringAssert.Contains(problems.Single().Problem, "not marked as explicit");
    }

    [TestMethod]
    public void Disagreements_ExtraExplicitModuleOrReplacement_AreReported()
    {
        string text = Consistent + "\n# example.test/extra v0.1.0\n## explicit\nexample.test/extra\n# example.test/gone v1.0.0 => example.test/fork v1.0.1\n";

        var problems = VendorModulesFile.Parse(text).Disagreements(GoModFile.Parse(GoMod));

        CollectionAssert.AreEquivalent(
            new[] { "example.test/extra@v0.1.0", "example.test/gone@v1.0.0" },
            problems.Select(p => p.Module.ToString()).ToArray());
    }

    [TestMethod]
    public void Disagreements_ReplacementMissingFromModulesTxt_IsReported()
    {
        string text = Consistent.Replace("# example.test/local => ../local", string.Empty);

        var problems = VendorModulesFile.Parse(text).Disagreements(GoModFile.Parse(GoMod));

        StringAssert.Contains(problems.Single().Problem, "not marked as replaced");
    }
}
