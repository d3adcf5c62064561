using System;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoPackageSelectionTests
{
    // What `go list -e -f <template> ./cmd/... ./lib ./onlytest` prints (go 1.22).
    private static readonly string[] s_listed =
    {
        "example.com/m/cmd/a\tmain\t/m/cmd/a\t10\t",
        "example.com/m/cmd/b\tmain\t/m/cmd/b\t20\t",
        "example.com/m/tool/v2\tmain\t/m/tool/v2\t10\t",
        "example.com/m/lib\tlib\t/m/lib\t10\t",
        "example.com/m/onlytest\tonlytest\t/m/onlytest\t00\t",
    };

    [TestMethod]
    public void ParsePatterns_SplitsListsAndMakesFoldersRelative()
    {
        string project = Path.GetTempPath();

        CollectionAssert.AreEqual(new[] { "./cmd/...", "./...", "example.com/x" }, GoPackageSelection.ParsePatterns(project, " ./cmd/... ; ./... ;;example.com/x;./cmd/...").ToArray());
        CollectionAssert.AreEqual(new[] { "." }, GoPackageSelection.ParsePatterns(project, "").ToArray());
        Assert.IsTrue(GoPackageSelection.IsSinglePackage(new[] { "./cmd/a" }));
        Assert.IsFalse(GoPackageSelection.IsSinglePackage(new[] { "./cmd/..." }));
        Assert.IsFalse(GoPackageSelection.IsSinglePackage(new[] { "./a", "./b" }));
    }

    [TestMethod]
    [DataRow("-toolexec=x")]
    [DataRow("./cmd/a b")]
    [DataRow("./cmd/'a'")]
    public void ParsePatterns_FlagOrSpaces_FailsWithGOB2040NamingTheEntry(string entry)
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPackageSelection.ParsePatterns("/p", "./ok;" + entry));

        StringAssert.StartsWith(error.Message, "GOB2040:");
        StringAssert.Contains(error.Message, "'" + entry + "'");
    }

    [TestMethod]
    public void FromList_TellsCommandsFromLibraries_AndNamesCommandsAsGoDoes()
    {
        GoPackageSelection selection = GoPackageSelection.FromList("./...", new[] { "./..." }, s_listed, Array.Empty<string>(), outputName: null);

        CollectionAssert.AreEqual(new[] { "a", "b", "tool" }, selection.Commands.Select(c => c.CommandName).ToArray());
        CollectionAssert.AreEqual(new[] { "example.com/m/lib" }, selection.Libraries.Select(c => c.ImportPath).ToArray());
        Assert.AreEqual(GoPackageKind.TestsOnly, selection.Packages.Last().Kind);
        CollectionAssert.AreEqual(
            new[] { "command|example.com/m/cmd/a|a|/m/cmd/a", "command|example.com/m/cmd/b|b|/m/cmd/b", "command|example.com/m/tool/v2|tool|/m/tool/v2", "library|example.com/m/lib||/m/lib", "tests|example.com/m/onlytest||/m/onlytest" },
            selection.ToRecord().ToArray());
    }

    [TestMethod]
    [DataRow("example.com/tool/v2", "tool")]
    [DataRow("example.com/tool/v1", "v1")]
    [DataRow("example.com/tool/v0", "v0")]
    [DataRow("v2", "v2")]
    [DataRow("example.com/m/cmd/agent", "agent")]
    public void DefaultExecName_FollowsGo(string importPath, string name) =>
        Assert.AreEqual(name, GoPackageSelection.DefaultExecName(importPath));

    [TestMethod]
    public void FromList_PatternWarnedAsMatchingNothing_FailsWithGOB2041()
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPackageSelection.FromList(
            "./cmd/...;./empty/...", new[] { "./cmd/...", "./empty/..." }, s_listed.Take(1), new[] { "go: warning: \"./empty/...\" matched no packages" }, null));

        StringAssert.StartsWith(error.Message, "GOB2041: GoPackage './cmd/...;./empty/...': './empty/...' matches no Go package");
    }

    [TestMethod]
    public void FromList_FolderThatDoesNotExist_FailsWithGOB2041AndGoError()
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPackageSelection.FromList(
            "./missing", new[] { "./missing" }, new[] { "./missing\t\t\t00\tstat /m/missing: directory not found" }, Array.Empty<string>(), null));

        StringAssert.StartsWith(error.Message, "GOB2041:");
        StringAssert.Contains(error.Message, "directory not found");
    }

    [TestMethod]
    public void FromList_OutputNameWithAPattern_FailsWithGOB2042_ButIsFineForOnePackage()
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPackageSelection.FromList("./cmd/...", new[] { "./cmd/..." }, s_listed.Take(2), Array.Empty<string>(), "agent"));
        StringAssert.StartsWith(error.Message, "GOB2042: GoOutputName 'agent'");

        GoPackageSelection one = GoPackageSelection.FromList("./cmd/a", new[] { "./cmd/a" }, s_listed.Take(1), Array.Empty<string>(), "agent");
        Assert.AreEqual(1, one.Commands.Count());
    }

    [TestMethod]
    public void FromList_TwoCommandsWithOneName_FailsWithGOB2043()
    {
        string[] listed = { "example.com/m/a/tool\tmain\t/m/a/tool\t10\t", "example.com/m/b/tool\tmain\t/m/b/tool\t10\t" };

        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => GoPackageSelection.FromList("./...", new[] { "./..." }, listed, Array.Empty<string>(), null));

        StringAssert.StartsWith(error.Message, "GOB2043:");
        StringAssert.Contains(error.Message, "example.com/m/a/tool, example.com/m/b/tool");
    }
}
