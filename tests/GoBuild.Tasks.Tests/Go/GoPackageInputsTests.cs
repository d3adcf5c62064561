using System;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoPackageInputsTests
{
    private static readonly string s_base = Path.Combine(Path.GetTempPath(), "inputs-tests");
    private static readonly string s_module = Path.Combine(s_base, "mod");
    private static readonly string s_moduleCache = Path.Combine(s_base, "cache", "mod");

    [TestMethod]
    public void ListArguments_ListsNonStandardDependencyFoldersWithTheirEmbeddedFiles()
    {
        CollectionAssert.AreEqual(
            new[] { "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{range .EmbedFiles}}\t{{.}}{{end}}{{end}}", "./cmd/tool" },
            GoPackageInputs.ListArguments("./cmd/tool").ToArray());
    }

    [TestMethod]
    public void ToPatterns_CoversEachPackageFolderWithAWildcard()
    {
        string text = GoPackageInputs.ToPatterns(new[] { Dir("lib"), Dir("cmd", "tool") }, s_moduleCache);

        Assert.AreEqual(
            Dir("cmd", "tool") + "/*;\n" + Dir("lib") + "/*;\n",
            text);
    }

    [TestMethod]
    public void ToPatterns_SkipsPackagesInTheModuleCache()
    {
        string cached = Path.Combine(s_moduleCache, "example.com", "dep@v1.0.0");

        string text = GoPackageInputs.ToPatterns(new[] { cached, Dir("lib") }, s_moduleCache);

        Assert.AreEqual(Dir("lib") + "/*;\n", text);
    }

    [TestMethod]
    public void ToPatterns_WithModuleCacheGivenWithTrailingSeparator_StillSkipsIt()
    {
        string cached = Path.Combine(s_moduleCache, "example.com", "dep@v1.0.0");

        string text = GoPackageInputs.ToPatterns(new[] { cached }, s_moduleCache + Path.DirectorySeparatorChar);

        Assert.AreEqual(string.Empty, text);
    }

    [TestMethod]
    public void ToPatterns_KeepsSiblingFolderWhoseNameStartsLikeTheModuleCache()
    {
        string sibling = s_moduleCache + "ules";

        string text = GoPackageInputs.ToPatterns(new[] { sibling }, s_moduleCache);

        Assert.AreEqual(sibling + "/*;\n", text);
    }

    [TestMethod]
    public void ToPatterns_CoversEmbeddedSubfoldersRecursively()
    {
        string line = Dir("web") + "\tstatic/css/site.css\tstatic/index.html\ttemplates/page.tmpl\tversion.txt";

        string[] patterns = Lines(GoPackageInputs.ToPatterns(new[] { line }, s_moduleCache));

        CollectionAssert.AreEqual(
            new[]
            {
                Dir("web") + "/*;",
                Path.Combine(Dir("web"), "static") + "/**;",
                Path.Combine(Dir("web"), "templates") + "/**;",
            },
            patterns);
    }

    [TestMethod]
    public void ToPatterns_SkipsBlankAndRelativeLines()
    {
        string text = GoPackageInputs.ToPatterns(new[] { string.Empty, "   ", "relative/dir", "go: warning: something" }, s_moduleCache);

        Assert.AreEqual(string.Empty, text);
    }

    [TestMethod]
    public void ToPatterns_ListsEachPatternOnceInOrdinalOrder()
    {
        string text = GoPackageInputs.ToPatterns(new[] { Dir("b"), Dir("a"), Dir("B"), Dir("a") }, s_moduleCache);

        CollectionAssert.AreEqual(
            new[] { Dir("B") + "/*;", Dir("a") + "/*;", Dir("b") + "/*;" },
            Lines(text));
    }

    [TestMethod]
    public void ToPatterns_EndsEveryLineWithSemicolonSoTheFileIsOneItemList()
    {
        string text = GoPackageInputs.ToPatterns(new[] { Dir("a"), Dir("b") + "\tstatic/x" }, s_moduleCache);

        StringAssert.EndsWith(text, ";\n");
        Assert.IsTrue(Lines(text).All(l => l.EndsWith(';')), text);
    }

    [TestMethod]
    [DataRow("%", "%2525")]
    [DataRow("$", "%2524")]
    [DataRow("@", "%2540")]
    [DataRow("'", "%2527")]
    [DataRow(";", "%253B")]
    [DataRow("?", "%253F")]
    [DataRow("*", "%252A")]
    public void ToPatterns_EscapesMSBuildSpecialCharactersTwice(string special, string escaped)
    {
        string dir = Dir("a" + special + "b");

        string text = GoPackageInputs.ToPatterns(new[] { dir + "\tsub" + special + "dir/file.txt" }, s_moduleCache);

        CollectionAssert.AreEqual(
            new[]
            {
                Dir("a" + escaped + "b") + "/*;",
                Path.Combine(Dir("a" + escaped + "b"), "sub" + escaped + "dir") + "/**;",
            },
            Lines(text));
    }

    [TestMethod]
    public void ToPatterns_LeavesSpacesAndNonAsciiLettersAlone()
    {
        string dir = Dir("my wörk späce");

        Assert.AreEqual(dir + "/*;\n", GoPackageInputs.ToPatterns(new[] { dir }, s_moduleCache));
    }

    [TestMethod]
    public void ToPatterns_WithNoPackages_IsEmpty()
    {
        Assert.AreEqual(string.Empty, GoPackageInputs.ToPatterns(Array.Empty<string>(), s_moduleCache));
    }

    private static string Dir(params string[] parts) => Path.Combine(new[] { s_module }.Concat(parts).ToArray());

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
