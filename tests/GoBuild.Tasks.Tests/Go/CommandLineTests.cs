using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

/// <summary>
/// The expected strings follow the Windows argv rules (CommandLineToArgvW, which .NET's Unix
/// parser copies): 2n backslashes before a quote are n backslashes; 2n+1 are n and a literal quote;
/// backslashes elsewhere are literal.
/// </summary>
[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    [DataRow("build", "build")]
    [DataRow("-ldflags=-s", "-ldflags=-s")]
    [DataRow(@"C:\go\bin\go.exe", @"C:\go\bin\go.exe")]
    [DataRow(@"trailing\", @"trailing\")]
    [DataRow("-X=main.version=1.0", "-X=main.version=1.0")]
    public void Join_PlainArgument_IsLeftUnquoted(string argument, string expected)
    {
        Assert.AreEqual(expected, CommandLine.Join(new[] { argument }));
    }

    [TestMethod]
    [DataRow("a b", "\"a b\"")]
    [DataRow("a\tb", "\"a\tb\"")]
    [DataRow("a\nb", "\"a\nb\"")]
    [DataRow("", "\"\"")]
    public void Join_ArgumentWithWhitespaceOrEmpty_IsQuoted(string argument, string expected)
    {
        Assert.AreEqual(expected, CommandLine.Join(new[] { argument }));
    }

    [TestMethod]
    public void Join_ArgumentWithQuote_EscapesTheQuote()
    {
        Assert.AreEqual("\"a\\\"b\"", CommandLine.Join(new[] { "a\"b" }));
    }

    [TestMethod]
    public void Join_BackslashesBeforeQuote_AreDoubledAndTheQuoteEscaped()
    {
        // a\"b → "a\\\"b"
        Assert.AreEqual("\"a\\\\\\\"b\"", CommandLine.Join(new[] { "a\\\"b" }));
    }

    [TestMethod]
    public void Join_QuotedArgumentEndingInBackslashes_DoublesThemSoTheyDoNotEscapeTheClosingQuote()
    {
        // C:\my dir\ → "C:\my dir\\"
        Assert.AreEqual("\"C:\\my dir\\\\\"", CommandLine.Join(new[] { "C:\\my dir\\" }));
    }

    [TestMethod]
    public void Join_BackslashesInsideQuotedArgument_StayLiteral()
    {
        // C:\my dir\a.go → "C:\my dir\a.go"
        Assert.AreEqual("\"C:\\my dir\\a.go\"", CommandLine.Join(new[] { "C:\\my dir\\a.go" }));
    }

    [TestMethod]
    public void Join_SeveralArguments_SeparatesThemWithOneSpace()
    {
        Assert.AreEqual(
            "build -o \"/my out/app\" \"-ldflags=-X 'main.v=1 2'\" .",
            CommandLine.Join(new[] { "build", "-o", "/my out/app", "-ldflags=-X 'main.v=1 2'", "." }));
    }

    [TestMethod]
    public void Join_NoArguments_IsEmpty()
    {
        Assert.AreEqual(string.Empty, CommandLine.Join(System.Array.Empty<string>()));
    }

    [TestMethod]
    public void Join_EmptyArgumentsAmongOthers_KeepTheirPlace()
    {
        Assert.AreEqual("a \"\" b", CommandLine.Join(new[] { "a", "", "b" }));
    }
}
