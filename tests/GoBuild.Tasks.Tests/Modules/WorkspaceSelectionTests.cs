using System.Linq;
using GoBuild.Tasks.Modules;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class WorkspaceSelectionTests
{
    [TestMethod]
    public void Parse_OfGoModDownloadJson_NamesEveryModuleWithoutError_AndSkipsNestedFieldsAndOtherLines()
    {
        string[] lines =
        {
            "go: downloading example.test/greet v1.1.0",
            "{",
            "\t\"Path\": \"example.test/greet\",",
            "\t\"Version\": \"v1.1.0\",",
            "\t\"Info\": \"/cache/example.test/greet/@v/v1.1.0.info\",",
            "\t\"Origin\": {",
            "\t\t\"Path\": \"nested/not/a/module\",",
            "\t\t\"Version\": \"v9.9.9\"",
            "\t}",
            "}",
            "{",
            "\t\"Path\": \"example.test/broken\",",
            "\t\"Version\": \"v1.0.0\",",
            "\t\"Error\": \"reading \\\"x\\\": not found\"",
            "}",
            "{",
            "\t\"Path\": \"example.test/other\",",
            "\t\"Version\": \"v0.0.0-20240101000000-abcdefabcdef\"",
            "}",
        };

        string[] modules = WorkspaceSelection.Parse(lines).Select(m => m.ToString()).ToArray();

        CollectionAssert.AreEqual(new[] { "example.test/greet@v1.1.0", "example.test/other@v0.0.0-20240101000000-abcdefabcdef" }, modules);
    }
}
