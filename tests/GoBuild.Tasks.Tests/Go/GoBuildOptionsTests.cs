using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoBuildOptionsTests
{
    [TestMethod]
    [DataRow(null, true)]
    [DataRow("", true)]
    [DataRow("  ", false)]
    public void ParseBool_WithNothingSet_GivesTheDefault(string? value, bool defaultValue)
    {
        Assert.AreEqual(defaultValue, GoBuildOptions.ParseBool("GoStrip", value, defaultValue));
    }

    [TestMethod]
    [DataRow("true")]
    [DataRow("TRUE")]
    [DataRow(" True ")]
    public void ParseBool_WithTrueSpelling_GivesTrue(string value)
    {
        Assert.IsTrue(GoBuildOptions.ParseBool("GoStrip", value, false));
    }

    [TestMethod]
    [DataRow("false")]
    [DataRow("False ")]
    [DataRow("FALSE")]
    public void ParseBool_WithFalseSpelling_GivesFalse(string value)
    {
        Assert.IsFalse(GoBuildOptions.ParseBool("GoStrip", value, true));
    }

    [TestMethod]
    [DataRow("maybe")]
    [DataRow("1")]
    [DataRow("yes")]
    [DataRow("on")]
    [DataRow("no")]
    [DataRow("$(Undefined)")]
    public void ParseBool_WithNonBoolean_FailsWithGOB2004NamingThePropertyAndValue(string value)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildOptions.ParseBool("GoTrimPath", value, true));

        Assert.AreEqual("InvalidBoolean", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB2004: ");
        StringAssert.Contains(ex.Message, "GoTrimPath");
        StringAssert.Contains(ex.Message, "'" + value + "'");
    }

    [TestMethod]
    [DataRow("integration;fast", new[] { "integration", "fast" })]
    [DataRow(" a , b;;go1.22 ", new[] { "a", "b", "go1.22" })]
    [DataRow("", new string[0])]
    public void ParseTags_SplitsOnSemicolonsAndCommas(string value, string[] expected)
    {
        CollectionAssert.AreEqual(expected, System.Linq.Enumerable.ToArray(GoBuildOptions.ParseTags(value)));
    }

    [TestMethod]
    [DataRow("integration;$(touch x)", "$(touch")]
    [DataRow("a b", "a b")]
    [DataRow("-race", "-race")]
    public void ParseTags_WithSomethingThatIsNoTag_FailsWithGOB2013NamingTheEntryAndTheValue(string value, string entry)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildOptions.ParseTags(value));

        StringAssert.StartsWith(ex.Message, "GOB2013: ");
        StringAssert.Contains(ex.Message, "'" + entry);
        StringAssert.Contains(ex.Message, "GoTags is '" + value + "'");
    }

    [TestMethod]
    [DataRow("bin/app")]
    [DataRow("..")]
    [DataRow("a\\b")]
    [DataRow("")]
    public void ParseOutputName_WithSomethingThatIsNoFileName_FailsWithGOB2015(string value)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildOptions.ParseOutputName(value));

        StringAssert.StartsWith(ex.Message, "GOB2015: ");
    }

    [TestMethod]
    [DataRow(null, "exe")]
    [DataRow("", "exe")]
    [DataRow("exe", "exe")]
    [DataRow(" PIE ", "pie")]
    [DataRow("c-shared", "c-shared")]
    [DataRow("C-Archive", "c-archive")]
    public void ParseBuildMode_WithKnownMode_GivesItInLowerCase(string? value, string expected)
    {
        Assert.AreEqual(expected, GoBuildOptions.ParseBuildMode(value));
    }

    [TestMethod]
    [DataRow("plugin")]
    [DataRow("shared")]
    [DataRow("exe pie")]
    public void ParseBuildMode_WithUnknownMode_FailsWithGOB5001ListingTheModes(string value)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildOptions.ParseBuildMode(value));

        Assert.AreEqual("UnknownBuildMode", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB5001: ");
        StringAssert.Contains(ex.Message, "'" + value + "'");
        StringAssert.Contains(ex.Message, "exe, pie, c-shared, c-archive");
    }

    [TestMethod]
    [DataRow(null, "false")]
    [DataRow(" ", "false")]
    [DataRow("true", "true")]
    [DataRow("AUTO", "auto")]
    [DataRow("False", "false")]
    public void ParseBuildVcs_WithAcceptedValue_GivesItInLowerCase(string? value, string expected)
    {
        Assert.AreEqual(expected, GoBuildOptions.ParseBuildVcs(value));
    }

    [TestMethod]
    public void ParseBuildVcs_WithOtherValue_FailsWithGOB2005ListingTheValues()
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildOptions.ParseBuildVcs("git"));

        Assert.AreEqual("InvalidBuildVcs", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB2005: ");
        StringAssert.Contains(ex.Message, "'git'");
        StringAssert.Contains(ex.Message, "false, true, auto");
    }

    [TestMethod]
    public void NewOptions_DefaultToReproducibleExeOfCurrentFolder()
    {
        var options = new GoBuildOptions();

        Assert.AreEqual(".", options.Package);
        Assert.AreEqual("exe", options.BuildMode);
        Assert.IsTrue(options.TrimPath);
        Assert.IsFalse(options.Strip);
        Assert.AreEqual("false", options.BuildVcs);
        Assert.AreEqual(0, options.Tags.Count);
        Assert.AreEqual(0, options.LinkerVariables.Count);
    }
}
