using System.Collections.Generic;
using System.Linq;
using GoBuild.Tasks.Interop;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Interop;

[TestClass]
public sealed class GoExportMergerTests
{
    [TestMethod]
    public void Merge_SameExportsOnEveryPlatform_BindsThemAll()
    {
        GoExportList merged = GoExportMerger.Merge(new[]
        {
            Platform("linux/amd64", Export("Add", ("a", "C.long"), ("b", "C.long"))),
            Platform("linux/arm64", Export("Add", ("x", "C.long"), ("y", "C.long"))),
        });

        Assert.AreEqual(1, merged.Exports.Count);
        Assert.IsNull(merged.Exports[0].PlatformProblem);
        Assert.AreEqual("a", merged.Exports[0].Parameters[0].Name, "the first platform's declaration is kept");
    }

    [TestMethod]
    public void Merge_ExportMissingOnAPlatform_IsMarkedWithThePlatformsThatLackIt()
    {
        GoExportList merged = GoExportMerger.Merge(new[]
        {
            Platform("linux/amd64", Export("Add", ("a", "C.int")), Export("Cpuid")),
            Platform("linux/arm64", Export("Add", ("a", "C.int"))),
        });

        GoExport cpuid = merged.Exports.Single(e => e.Name == "Cpuid");
        Assert.AreEqual("it is exported on linux/amd64 but not on linux/arm64", cpuid.PlatformProblem);
        Assert.IsNull(merged.Exports.Single(e => e.Name == "Add").PlatformProblem);
    }

    [TestMethod]
    public void Merge_SignatureThatDiffersByPlatform_IsMarkedWithEachSignature()
    {
        GoExportList merged = GoExportMerger.Merge(new[]
        {
            Platform("linux/amd64", Export("Size", ("n", "C.longlong"))),
            Platform("windows/amd64", Export("Size", ("n", "C.int"))),
        });

        StringAssert.Contains(merged.Exports[0].PlatformProblem, "linux/amd64: func Size(C.longlong)");
        StringAssert.Contains(merged.Exports[0].PlatformProblem, "windows/amd64: func Size(C.int)");
    }

    [TestMethod]
    public void Write_ExportTheMergerMarked_IsLeftOutAsAPlatformProblem()
    {
        GoExportList merged = GoExportMerger.Merge(new[]
        {
            Platform("linux/amd64", Export("Add", ("a", "C.int")), Export("Cpuid")),
            Platform("linux/arm64", Export("Add", ("a", "C.int"))),
        });
        var record = new GoBindingsRecord { Library = "lib", Namespace = "GoBindings", ClassName = "LibNative", BuildMode = "c-shared", Exports = merged, Platforms = new List<string> { "linux/amd64", "linux/arm64" } };

        (string source, IReadOnlyList<BindingProblem> problems) = BindingsWriter.Write(record, BindingStyle.LibraryImport, nullable: true);

        Assert.IsFalse(source.Contains("Cpuid"), source);
        StringAssert.Contains(source, "Add(int a)");
        StringAssert.Contains(source, "(linux/amd64, linux/arm64), so this one source serves each RID");
        Assert.AreEqual(1, problems.Count);
        Assert.IsTrue(problems[0].PlatformsDisagree);
    }

    private static KeyValuePair<string, GoExportList> Platform(string platform, params GoExport[] exports) =>
        new(platform, new GoExportList { Package = "main", Exports = exports.ToList() });

    private static GoExport Export(string name, params (string Name, string Type)[] parameters)
    {
        var export = new GoExport { Name = name, Kind = "export", File = "/src/lib.go", Line = 3 };
        export.Parameters.AddRange(parameters.Select(p => new GoExportParameter { Name = p.Name, Type = p.Type }));
        return export;
    }
}
