using System.IO;
using System.Linq;
using GoBuild.Tasks.Modules;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Modules;

/// <summary>The go-free checks, against a module cache filled by the real go from the file proxy.</summary>
[TestClass]
public sealed class ModuleChecksTests
{
    private static FileModuleProxy s_proxy = null!;
    private static ModuleCache s_cache = null!;

    private static readonly ModuleVersion s_greet = new(FileModuleProxy.ModulePath, FileModuleProxy.V1);

    private static GoModFile GoMod => GoModFile.Parse($"module example.com/app\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V1}\n");

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        string root = RepoPaths.NewTempDirectory("module-checks");
        s_proxy = FileModuleProxy.Create(Path.Combine(root, "proxy"));
        s_proxy.Download(Path.Combine(root, "modcache"), FileModuleProxy.V1);
        s_cache = new ModuleCache(Path.Combine(root, "modcache"));
    }

    [TestMethod]
    public void AllChecks_WithGoSumFromGoAndRestoredCache_FindNothing()
    {
        var checks = new ModuleChecks(GoMod, GoSumFile.Parse(s_proxy.GoSumLines(FileModuleProxy.V1)), s_cache);

        Assert.AreEqual(0, checks.CheckGoSum().Count);
        Assert.AreEqual(0, checks.CheckRestored().Count);
        Assert.AreEqual(0, checks.CheckHashes().Count);
        Assert.IsTrue(checks.IsFullyRestored());
        CollectionAssert.IsSubsetOf(new[] { s_cache.GoModFile(s_greet), s_cache.ZipHashFile(s_greet) }, checks.RestoredFiles().ToArray());
    }

    [TestMethod]
    public void CheckGoSum_WithoutGoSum_ReportsGoSumMissingNamingTheRequirement()
    {
        var problem = new ModuleChecks(GoMod, null, s_cache).CheckGoSum().Single();

        Assert.AreEqual(ModuleProblemKind.GoSumMissing, problem.Kind);
        Assert.AreEqual(s_greet, problem.Module);
    }

    [TestMethod]
    public void CheckGoSum_WithoutGoModLine_ReportsEntryMissing()
    {
        string sum = s_proxy.GoSumLines(FileModuleProxy.V1).Split('\n')[0];

        var problem = new ModuleChecks(GoMod, GoSumFile.Parse(sum), s_cache).CheckGoSum().Single();

        Assert.AreEqual(ModuleProblemKind.GoSumEntryMissing, problem.Kind);
        Assert.AreEqual("go.mod", problem.Detail);
    }

    [TestMethod]
    public void CheckHashes_WithEditedContentOrGoModHash_ReportsMismatchForEach()
    {
        string sum = s_proxy.GoSumLines(FileModuleProxy.V1)
            .Replace(s_proxy.ContentHash(FileModuleProxy.V1), "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            .Replace(s_proxy.GoModHash(FileModuleProxy.V1), "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=");

        var problems = new ModuleChecks(GoMod, GoSumFile.Parse(sum), s_cache).CheckHashes();

        Assert.AreEqual(2, problems.Count);
        Assert.IsTrue(problems.All(p => p.Kind == ModuleProblemKind.ChecksumMismatch && p.Module.Equals(s_greet)));
        StringAssert.Contains(problems[0].Detail, "SECURITY ERROR");
    }

    [TestMethod]
    public void CheckRestored_WithVersionMissingFromCache_ReportsNotRestored()
    {
        GoModFile goMod = GoModFile.Parse($"module example.com/app\n\ngo 1.22\n\nrequire {FileModuleProxy.ModulePath} {FileModuleProxy.V2}\n");
        var checks = new ModuleChecks(goMod, GoSumFile.Parse(s_proxy.GoSumLines(FileModuleProxy.V2)), s_cache);

        var problem = checks.CheckRestored().Single();

        Assert.AreEqual(ModuleProblemKind.NotRestored, problem.Kind);
        Assert.AreEqual(FileModuleProxy.V2, problem.Module.Version);
        Assert.IsFalse(checks.IsFullyRestored());
    }
}
