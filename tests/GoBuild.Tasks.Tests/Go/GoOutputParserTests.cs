using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class GoOutputParserTests
{
    // The parser never touches the disk; any rooted folder will do.
    private static readonly string s_module = Path.Combine(Path.GetTempPath(), "parser-tests", "mod");
    private static readonly string s_workingDirectory = Path.Combine(s_module, "cmd", "tool");

    [TestMethod]
    public void Feed_CompilerLine_GivesDiagnosticWithAbsoluteFileLineColumnAndMessage()
    {
        List<GoDiagnostic> diagnostics = Parse("./main.go:5:33: declared and not used: y");

        GoDiagnostic d = diagnostics.Single();
        Assert.AreEqual(Path.Combine(s_workingDirectory, "main.go"), d.File);
        Assert.AreEqual(5, d.Line);
        Assert.AreEqual(33, d.Column);
        Assert.AreEqual("declared and not used: y", d.Message);
    }

    [TestMethod]
    public void Feed_CgoIncludeTrail_IsNotAnErrorButTheCompilerLineAfterItIs()
    {
        List<GoDiagnostic> diagnostics = Parse(
            "In file included from _cgo_export.c:3:",
            "                 from other.h:1:",
            "./native.h:2:10: fatal error: missing.h: No such file or directory");

        GoDiagnostic d = diagnostics.Single();
        Assert.AreEqual(Path.Combine(s_workingDirectory, "native.h"), d.File);
        Assert.AreEqual(2, d.Line);
        Assert.AreEqual(10, d.Column);
    }

    [TestMethod]
    public void Feed_LineInParentFolder_ResolvesDotDotToTheModuleFile()
    {
        GoDiagnostic d = Parse("../../lib/lib.go:3:23: undefined: x").Single();

        Assert.AreEqual(Path.Combine(s_module, "lib", "lib.go"), d.File);
        Assert.AreEqual(3, d.Line);
        Assert.AreEqual(23, d.Column);
        Assert.AreEqual("undefined: x", d.Message);
    }

    [TestMethod]
    public void Feed_LineWithoutDotSlash_ResolvesAgainstWorkingDirectory()
    {
        GoDiagnostic d = Parse("main.go:1:1: expected 'package', found 'EOF'").Single();

        Assert.AreEqual(Path.Combine(s_workingDirectory, "main.go"), d.File);
        Assert.AreEqual("expected 'package', found 'EOF'", d.Message);
    }

    [TestMethod]
    public void Feed_AbsolutePath_KeepsIt()
    {
        string file = Path.Combine(s_module, "lib", "lib.go");

        GoDiagnostic d = Parse(file + ":7:2: undefined: y").Single();

        Assert.AreEqual(file, d.File);
        Assert.AreEqual(7, d.Line);
        Assert.AreEqual(2, d.Column);
    }

    [TestMethod]
    public void Feed_PathWithSpaces_KeepsTheWholePath()
    {
        GoDiagnostic d = Parse("./my dir/main.go:4:9: missing return").Single();

        Assert.AreEqual(Path.Combine(s_workingDirectory, "my dir", "main.go"), d.File);
        Assert.AreEqual("missing return", d.Message);
    }

    [TestMethod]
    public void Feed_VetLine_StripsVetPrefix()
    {
        GoDiagnostic d = Parse("vet: ./x.go:3:1: fmt.Printf format %d has arg s of wrong type string").Single();

        Assert.AreEqual(Path.Combine(s_workingDirectory, "x.go"), d.File);
        Assert.AreEqual(3, d.Line);
        Assert.AreEqual(1, d.Column);
        Assert.AreEqual("fmt.Printf format %d has arg s of wrong type string", d.Message);
    }

    [TestMethod]
    public void Feed_LineWithoutColumn_GivesColumnZero()
    {
        GoDiagnostic d = Parse("./main_test.go:12: want 1, got 2").Single();

        Assert.AreEqual(12, d.Line);
        Assert.AreEqual(0, d.Column);
        Assert.AreEqual("want 1, got 2", d.Message);
    }

    [TestMethod]
    public void Feed_GoModError_GivesDiagnosticOnGoMod()
    {
        List<GoDiagnostic> diagnostics = Parse(
            "go: errors parsing ../../go.mod:",
            "../../go.mod:3: unknown directive: foo");

        GoDiagnostic d = diagnostics.Single();
        Assert.AreEqual(Path.Combine(s_module, "go.mod"), d.File);
        Assert.AreEqual(3, d.Line);
        Assert.AreEqual(0, d.Column);
        Assert.AreEqual("unknown directive: foo", d.Message);
    }

    [TestMethod]
    public void Feed_BareGoModError_ResolvesAgainstWorkingDirectory()
    {
        GoDiagnostic d = Parse("go.mod:3: unknown directive: foo").Single();

        Assert.AreEqual(Path.Combine(s_workingDirectory, "go.mod"), d.File);
        Assert.AreEqual(3, d.Line);
    }

    [TestMethod]
    public void Feed_WindowsDriveLetterPath_KeepsDriveInTheFileAndSplitsLineAndColumn()
    {
        GoDiagnostic d = Parse(@"C:\src\app\main.go:3:1: syntax error: unexpected }").Single();

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.AreEqual(@"C:\src\app\main.go", d.File);
        }
        else
        {
            StringAssert.EndsWith(d.File, @"C:\src\app\main.go");
        }

        Assert.AreEqual(3, d.Line);
        Assert.AreEqual(1, d.Column);
        Assert.AreEqual("syntax error: unexpected }", d.Message);
    }

    [TestMethod]
    public void Feed_PackageHeader_NamesThePackageOfFollowingDiagnostics()
    {
        List<GoDiagnostic> diagnostics = Parse(
            "# example.com/m/lib",
            "../../lib/lib.go:3:23: undefined: x",
            "# example.com/m/cmd/tool",
            "./main.go:6:2: declared and not used: y");

        Assert.AreEqual(2, diagnostics.Count);
        Assert.AreEqual("example.com/m/lib", diagnostics[0].Package);
        Assert.AreEqual("example.com/m/cmd/tool", diagnostics[1].Package);
    }

    [TestMethod]
    public void Feed_LineBeforeAnyHeader_HasNoPackage()
    {
        Assert.IsNull(Parse("./main.go:1:1: x").Single().Package);
    }

    [TestMethod]
    public void Feed_TabIndentedContinuation_IsAppendedToTheMessage()
    {
        List<GoDiagnostic> diagnostics = Parse(
            "./main.go:9:12: not enough return values",
            "\thave ()",
            "\twant (int)",
            "./main.go:12:1: missing return");

        Assert.AreEqual(2, diagnostics.Count);
        Assert.AreEqual("not enough return values" + Environment.NewLine + "have ()" + Environment.NewLine + "want (int)", diagnostics[0].Message);
        Assert.AreEqual("missing return", diagnostics[1].Message);
    }

    [TestMethod]
    public void Feed_FourSpaceContinuation_IsAppendedToTheMessage()
    {
        GoDiagnostic d = Parse("./a.go:1:2: first", "    more detail").Single();

        Assert.AreEqual("first" + Environment.NewLine + "more detail", d.Message);
    }

    [TestMethod]
    public void Feed_IndentedLineWithNoDiagnosticPending_IsNotADiagnostic()
    {
        var parser = new GoOutputParser(s_workingDirectory, _ => Assert.Fail("no diagnostic expected"));

        Assert.IsFalse(parser.Feed("no required module provides package example.com/nope; to add it:"));
        Assert.IsFalse(parser.Feed("\tgo get example.com/nope"));
        parser.Complete();

        Assert.AreEqual(0, parser.DiagnosticCount);
    }

    [TestMethod]
    public void Feed_ReturnsWhetherTheLineBelongsToADiagnostic()
    {
        var parser = new GoOutputParser(s_workingDirectory, _ => { });

        Assert.IsFalse(parser.Feed("# example.com/m"));
        Assert.IsTrue(parser.Feed("./main.go:1:1: x"));
        Assert.IsTrue(parser.Feed("\tdetail"));
        Assert.IsFalse(parser.Feed("go: some note"));
    }

    [TestMethod]
    [DataRow("go: downloading example.com/x v1.0.0")]
    [DataRow("go: errors parsing go.mod:")]
    [DataRow("go: go.mod file indicates go 1.99, but maximum version supported by tidy is 1.26")]
    [DataRow("no required module provides package example.com/nope; to add it:")]
    [DataRow("ok  \texample.com/m\t0.002s")]
    [DataRow("main.go is not a file: line 3")]
    [DataRow("        /usr/lib/go/src/fmt/print.go:12 +0x1d")]
    [DataRow("")]
    public void Feed_NonDiagnosticLine_IsIgnored(string line)
    {
        Assert.AreEqual(0, Parse(line).Count);
    }

    [TestMethod]
    public void Feed_LastDiagnostic_IsEmittedOnlyOnComplete()
    {
        var diagnostics = new List<GoDiagnostic>();
        var parser = new GoOutputParser(s_workingDirectory, diagnostics.Add);

        parser.Feed("./main.go:1:1: x");
        Assert.AreEqual(0, diagnostics.Count, "a continuation line may still follow");
        parser.Complete();

        Assert.AreEqual(1, diagnostics.Count);
        Assert.AreEqual(1, parser.DiagnosticCount);
    }

    [TestMethod]
    public void Complete_CalledTwice_EmitsOnce()
    {
        var diagnostics = new List<GoDiagnostic>();
        var parser = new GoOutputParser(s_workingDirectory, diagnostics.Add);
        parser.Feed("./main.go:1:1: x");

        parser.Complete();
        parser.Complete();

        Assert.AreEqual(1, diagnostics.Count);
    }

    [TestMethod]
    public void Tail_KeepsTheLastLinesOfEveryKind()
    {
        var parser = new GoOutputParser(s_workingDirectory, _ => { }, tailLength: 3);
        foreach (string line in new[] { "one", "# pkg", "./a.go:1:1: x", "\tdetail", "last" })
        {
            parser.Feed(line);
        }

        CollectionAssert.AreEqual(new[] { "./a.go:1:1: x", "\tdetail", "last" }, parser.Tail.ToArray());
    }

    [TestMethod]
    public void Tail_WithFewerLinesThanItsLength_KeepsAll()
    {
        var parser = new GoOutputParser(s_workingDirectory, _ => { });
        parser.Feed("a");
        parser.Feed("b");

        CollectionAssert.AreEqual(new[] { "a", "b" }, parser.Tail.ToArray());
    }

    private static List<GoDiagnostic> Parse(params string[] lines)
    {
        var diagnostics = new List<GoDiagnostic>();
        var parser = new GoOutputParser(s_workingDirectory, diagnostics.Add);
        foreach (string line in lines)
        {
            parser.Feed(line);
        }

        parser.Complete();
        Assert.AreEqual(diagnostics.Count, parser.DiagnosticCount);
        return diagnostics;
    }
}
