using System.Collections.Generic;
using System.IO;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoCacheProgramTests
{
    [TestMethod]
    [DataRow("prog -a b", new[] { "prog", "-a", "b" })]
    [DataRow("  '/opt/my tools/prog'  -dir \"/c d\" ", new[] { "/opt/my tools/prog", "-dir", "/c d" })]
    [DataRow("a\tb\nc", new[] { "a", "b", "c" })]
    [DataRow("x''", new[] { "x''" })]
    public void Split_FollowsGo(string text, string[] expected)
    {
        CollectionAssert.AreEqual(expected, GoQuoted.Split(text));
    }

    [TestMethod]
    public void Split_UnclosedQuote_IsNull()
    {
        Assert.IsNull(GoQuoted.Split("'/opt/prog -x"));
    }

    [TestMethod]
    [DataRow(new[] { "/opt/my tools/prog", "-x" }, "'/opt/my tools/prog' -x")]
    [DataRow(new[] { "it's here", "-x" }, "\"it's here\" -x")]
    [DataRow(new[] { "plain" }, "plain")]
    public void Join_QuotesWhatGoWouldSplit_AndSplitReadsItBack(string[] fields, string expected)
    {
        string? line = GoQuoted.Join(fields);
        Assert.AreEqual(expected, line);
        CollectionAssert.AreEqual(fields, GoQuoted.Split(line!));
    }

    [TestMethod]
    public void Join_FieldWithBothQuotesAndSpace_IsNull()
    {
        Assert.IsNull(GoQuoted.Join(new[] { "a 'b\" c" }));
    }

    [TestMethod]
    public void Resolve_RelativeProgramWithSpaces_BecomesAbsoluteAndQuoted()
    {
        string project = Path.Combine(Path.GetTempPath(), "proj");
        string expected = Path.Combine(project, "my tools", "cacheprog");
        string? value = GoCacheProgram.Resolve("'my tools/cacheprog' -dir /x", project, "go1.26.11", p => p == expected);
        Assert.AreEqual("'" + expected + "' -dir /x", value);
    }

    [TestMethod]
    public void Resolve_BareName_IsLeftForPathLookup()
    {
        Assert.AreEqual("go-cache-plugin serve", GoCacheProgram.Resolve("go-cache-plugin serve", "/p", "go1.24.4", _ => false));
    }

    [TestMethod]
    public void Resolve_Empty_IsNull()
    {
        Assert.IsNull(GoCacheProgram.Resolve("  ", "/p", "go1.22.12", _ => false));
    }

    [TestMethod]
    [DataRow("'/opt/prog", "go1.26.11", "GOB1030")]
    [DataRow("/opt/my tools/prog -x", "go1.26.11", "GOB1031")]
    [DataRow("/opt/prog", "go1.23.5", "GOB1032")]
    [DataRow("/opt/prog", "go1.22.12", "GOB1032")]
    public void Resolve_BadValue_IsACodedErrorNamingGoCacheProg(string value, string version, string code)
    {
        var exists = new HashSet<string> { "/opt/prog" };
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoCacheProgram.Resolve(value, "/p", version, exists.Contains));
        string message = Resources.Format(error.ResourceName, error.Arguments);
        StringAssert.StartsWith(message, code);
        StringAssert.Contains(message, "GoCacheProg");
    }

    [TestMethod]
    public void PassEnvironment_Names_AreParsedAndDeduplicated()
    {
        CollectionAssert.AreEqual(
            new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" },
            (System.Collections.ICollection)GoPassEnvironment.Parse(" AWS_ACCESS_KEY_ID ;AWS_SECRET_ACCESS_KEY;;AWS_ACCESS_KEY_ID", _ => null));
    }

    [TestMethod]
    [DataRow("GOFLAGS", "GOB1033")]
    [DataRow("1X", "GOB1034")]
    [DataRow("A=B", "GOB1034")]
    public void PassEnvironment_BadName_IsACodedError(string name, string code)
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPassEnvironment.Parse(name, n => n == "GOFLAGS" ? "GoBuildFlags" : null));
        StringAssert.StartsWith(Resources.Format(error.ResourceName, error.Arguments), code);
    }

    [TestMethod]
    public void PassEnvironment_Apply_CopiesOnlyWhatIsSet()
    {
        var env = new Dictionary<string, string>();
        GoPassEnvironment.Apply(env, new[] { "A", "B" }, n => n == "A" ? "1" : null);
        Assert.AreEqual(1, env.Count);
        Assert.AreEqual("1", env["A"]);
    }
}
