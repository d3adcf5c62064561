using GoBuild.Tasks.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class GoTestArgumentsTests
{
    [TestMethod]
    public void Create_PutsJsonAndTagsFirst_PackagesThenFlagsLast()
    {
        CollectionAssert.AreEqual(
            new[] { "test", "-json", "-tags=a,b", "./...", "-run", "TestX", "-args", "-v" },
            (System.Collections.ICollection)GoTestArguments.Create(new[] { "./..." }, new[] { "a", " b " }, "-run TestX -args -v"));
    }

    [TestMethod]
    public void SplitFlags_QuotesGroupWithoutEscapes_AsGoSplitsGOFLAGS()
    {
        CollectionAssert.AreEqual(
            new[] { "-run", "Test A|Test B", @"-coverprofile=C:\out\c.out", "it's" },
            (System.Collections.ICollection)GoTestArguments.SplitFlags(@"-run 'Test A|Test B'  -coverprofile=C:\out\c.out ""it's"""));
        Assert.AreEqual(0, GoTestArguments.SplitFlags("  ").Count);
        Assert.AreEqual(0, GoTestArguments.SplitFlags(null).Count);
    }

    [TestMethod]
    public void SplitFlags_UnclosedQuote_FailsWithGOB5006()
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoTestArguments.SplitFlags("-run 'Test"));
        StringAssert.StartsWith(ex.Message, "GOB5006:");
    }
}
