using System.Linq;
using GoBuild.Tasks.Modules;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

[TestClass]
public sealed class GoModuleOutputTests
{
    // As go 1.26 prints it (twice: once per loader that met the module).
    private const string SecurityError = """
        verifying example.test/greet@v1.0.0/go.mod: checksum mismatch
        	downloaded: h1:EWG0AHBGQk0RA9eyeO3l2OKXETB9jtztKOAvPCj9JIM=
        	go.sum:     h1:AAAAAHBGQk0RA9eyeO3l2OKXETB9jtztKOAvPCj9JIM=

        SECURITY ERROR
        This download does NOT match an earlier download recorded in go.sum.
        The bits may have been replaced on the origin server, or an attacker may
        have intercepted the download attempt.

        For more information, see 'go help module-auth'.
        """;

    [TestMethod]
    public void ChecksumMismatches_KeepGoTextOnceForEachModule()
    {
        string[] lines = (SecurityError + "\n" + SecurityError).Split('\n');

        var problems = GoModuleOutput.ChecksumMismatches(lines);

        Assert.AreEqual(1, problems.Count);
        Assert.AreEqual("example.test/greet@v1.0.0", problems[0].Module.ToString());
        StringAssert.Contains(problems[0].Detail, "SECURITY ERROR");
        StringAssert.Contains(problems[0].Detail, "go.sum:     h1:AAAA");
    }

    [TestMethod]
    public void VerifyFailures_ReadModuleAndWhatChanged()
    {
        var problems = GoModuleOutput.VerifyFailures(new[] { "example.test/greet v1.0.0: dir has been modified (/cache/example.test/greet@v1.0.0)" });

        Assert.AreEqual(ModuleProblemKind.CacheModified, problems.Single().Kind);
        Assert.AreEqual("example.test/greet@v1.0.0", problems.Single().Module.ToString());
        StringAssert.StartsWith(problems.Single().Detail, "dir has been modified");
    }

    [TestMethod]
    public void ListProblems_MissingEntryForPackage_NamesTheProvidingModule()
    {
        GoModFile goMod = GoModFile.Parse("module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.test/greet v1.0.0\n\texample.test/greet/deep v0.2.0\n)\n");
        string[] lines =
        {
            string.Empty,
            "\"missing go.sum entry for module providing package example.test/greet/deep/pkg (imported by example.com/app); to add:\\n\\tgo get example.com/app\"",
            "\"example.test/other@v0.3.0: module lookup disabled by GOPROXY=off\"",
            "\"package example.com/app/missing is not in std\"",
        };

        var problems = GoModuleOutput.ListProblems(lines, goMod);

        Assert.AreEqual(2, problems.Count, string.Join("\n", problems));
        Assert.AreEqual(ModuleProblemKind.GoSumEntryMissing, problems[0].Kind);
        Assert.AreEqual("example.test/greet/deep@v0.2.0", problems[0].Module.ToString());
        Assert.AreEqual(ModuleProblemKind.NotRestored, problems[1].Kind);
        Assert.AreEqual("example.test/other@v0.3.0", problems[1].Module.ToString());
    }
}
