using System.Collections.Generic;
using System.Linq;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoBuildArgumentsTests
{
    private const string Output = "/out/app";

    [TestMethod]
    public void Create_WithDefaults_GivesReproducibleExeBuildOfCurrentFolder()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output });

        CollectionAssert.AreEqual(
            new[] { "build", "-o", Output, "-trimpath", "-buildvcs=false", "-buildmode=exe", "." },
            args.ToArray());
    }

    [TestMethod]
    public void Create_ForSeveralCommands_WritesIntoTheFolderInGosDefaultMode_WithEveryPackage()
    {
        // go refuses -buildmode=exe for more than one main package; its default mode builds each one.
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = "/out/", Packages = new[] { "example.com/m/cmd/a", "example.com/m/cmd/b", "example.com/m/lib" } });

        CollectionAssert.AreEqual(
            new[] { "build", "-o", "/out/", "-trimpath", "-buildvcs=false", "-buildmode=default", "example.com/m/cmd/a", "example.com/m/cmd/b", "example.com/m/lib" },
            args.ToArray());
    }

    [TestMethod]
    public void Create_ForLibrariesOnly_WritesNothing()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = string.Empty, Packages = new[] { "example.com/m/lib" } });

        CollectionAssert.AreEqual(new[] { "build", "-trimpath", "-buildvcs=false", "-buildmode=default", "example.com/m/lib" }, args.ToArray());
    }

    [TestMethod]
    public void Create_WithEveryOption_PutsFlagsInFixedOrderAndPackageLast()
    {
        var options = new GoBuildOptions
        {
            OutputPath = Output,
            Package = "./cmd/tool",
            BuildMode = "pie",
            BuildVcs = "auto",
            Tags = new[] { "netgo", "osusergo" },
            Strip = true,
            LinkerVariables = new[] { Variable("main.version", "1.2.3") },
            LdFlags = "-extldflags=-static",
        };

        IReadOnlyList<string> args = GoBuildArguments.Create(options);

        CollectionAssert.AreEqual(
            new[]
            {
                "build", "-o", Output, "-trimpath", "-buildvcs=auto", "-buildmode=pie", "-tags=netgo,osusergo",
                "-ldflags=-s -w -X main.version=1.2.3 -extldflags=-static", "./cmd/tool",
            },
            args.ToArray());
    }

    [TestMethod]
    public void Create_WithTrimPathOff_OmitsTrimPath()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output, TrimPath = false });

        CollectionAssert.DoesNotContain(args.ToArray(), "-trimpath");
    }

    [TestMethod]
    public void Create_WithBuildVcsTrue_PassesIt()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output, BuildVcs = "true" });

        CollectionAssert.Contains(args.ToArray(), "-buildvcs=true");
    }

    [TestMethod]
    public void Create_WithTagsHoldingBlanksAndSpaces_JoinsTrimmedTagsWithCommas()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output, Tags = new[] { " a ", "", "  ", "b" } });

        CollectionAssert.Contains(args.ToArray(), "-tags=a,b");
    }

    [TestMethod]
    public void Create_WithOnlyBlankTags_PassesNoTagsFlag()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output, Tags = new[] { " ", "" } });

        Assert.IsFalse(args.Any(a => a.StartsWith("-tags", System.StringComparison.Ordinal)), string.Join(" ", args));
    }

    [TestMethod]
    public void Create_WithNothingForTheLinker_PassesNoLdFlags()
    {
        IReadOnlyList<string> args = GoBuildArguments.Create(new GoBuildOptions { OutputPath = Output, LdFlags = "   " });

        Assert.IsFalse(args.Any(a => a.StartsWith("-ldflags", System.StringComparison.Ordinal)), string.Join(" ", args));
    }

    [TestMethod]
    public void LinkerFlags_WithStrip_PassesSymbolAndDwarfStripping()
    {
        Assert.AreEqual("-s -w", GoBuildArguments.LinkerFlags(new GoBuildOptions { Strip = true }));
    }

    [TestMethod]
    public void LinkerFlags_WithSeveralVariables_DefinesEachInOrderBeforeUserText()
    {
        var options = new GoBuildOptions
        {
            LinkerVariables = new[] { Variable("main.version", "1.0"), Variable("example.com/app/internal/build.Commit", "abc") },
            LdFlags = "  -linkmode=internal  ",
        };

        Assert.AreEqual(
            "-X main.version=1.0 -X example.com/app/internal/build.Commit=abc -linkmode=internal",
            GoBuildArguments.LinkerFlags(options));
    }

    [TestMethod]
    public void LinkerFlags_WithEmptyValue_DefinesEmptyString()
    {
        Assert.AreEqual("-X main.version=", GoBuildArguments.LinkerFlags(new GoBuildOptions { LinkerVariables = new[] { Variable("main.version", "") } }));
    }

    [TestMethod]
    public void LinkerFlags_WithValueHoldingSpaces_WrapsDefinitionInSingleQuotes()
    {
        Assert.AreEqual(
            "-X 'main.version=1.0 beta'",
            GoBuildArguments.LinkerFlags(new GoBuildOptions { LinkerVariables = new[] { Variable("main.version", "1.0 beta") } }));
    }

    [TestMethod]
    public void LinkerFlags_WithValueHoldingTab_WrapsDefinitionInSingleQuotes()
    {
        Assert.AreEqual(
            "-X 'main.version=a\tb'",
            GoBuildArguments.LinkerFlags(new GoBuildOptions { LinkerVariables = new[] { Variable("main.version", "a\tb") } }));
    }

    [TestMethod]
    public void LinkerFlags_WithValueHoldingDoubleQuotes_WrapsDefinitionInSingleQuotes()
    {
        Assert.AreEqual(
            "-X 'main.version=say \"hi\"'",
            GoBuildArguments.LinkerFlags(new GoBuildOptions { LinkerVariables = new[] { Variable("main.version", "say \"hi\"") } }));
    }

    [TestMethod]
    public void LinkerFlags_WithValueHoldingSingleQuote_WrapsDefinitionInDoubleQuotes()
    {
        Assert.AreEqual(
            "-X \"main.owner=O'Brien\"",
            GoBuildArguments.LinkerFlags(new GoBuildOptions { LinkerVariables = new[] { Variable("main.owner", "O'Brien") } }));
    }

    [TestMethod]
    public void LinkerFlags_WithValueHoldingBothQuoteKinds_FailsWithGOB2007()
    {
        var options = new GoBuildOptions { LinkerVariables = new[] { Variable("main.version", "it's \"x\"") } };

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildArguments.LinkerFlags(options));

        Assert.AreEqual("UnquotableLinkerValue", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB2007: ");
        StringAssert.Contains(ex.Message, "main.version=it's \"x\"");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("version")]
    [DataRow(".version")]
    [DataRow("main.")]
    [DataRow("main.ver sion")]
    [DataRow("main.a=b")]
    [DataRow("main.'x'")]
    [DataRow("main.\"x\"")]
    [DataRow("my pkg.version")]
    public void LinkerFlags_WithNameNotOfFormImportPathDotName_FailsWithGOB2006(string name)
    {
        var options = new GoBuildOptions { LinkerVariables = new[] { Variable(name, "1") } };

        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(() => GoBuildArguments.LinkerFlags(options));

        Assert.AreEqual("InvalidLinkerVariable", ex.ResourceName);
        StringAssert.StartsWith(ex.Message, "GOB2006: ");
        StringAssert.Contains(ex.Message, "'" + name + "'");
    }

    private static KeyValuePair<string, string> Variable(string name, string value) => new(name, value);
}
