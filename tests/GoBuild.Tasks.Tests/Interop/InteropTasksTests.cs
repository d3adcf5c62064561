using System.IO;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Tasks.Interop;
using GoBuild.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Interop;

[TestClass]
public sealed class InteropTasksTests
{
    [TestMethod]
    [DataRow(".NETCoreApp", "v10.0", BindingStyle.LibraryImport)]
    [DataRow(".NETCoreApp", "v7.0", BindingStyle.LibraryImport)]
    [DataRow(".NETCoreApp", "v6.0", BindingStyle.DllImport)]
    [DataRow(".NETStandard", "v2.0", BindingStyle.DllImport)]
    [DataRow(".NETFramework", "v4.7.2", BindingStyle.DllImport)]
    public void ChoosePInvokeStyle_IsLibraryImportFromNet7(string identifier, string version, BindingStyle expected)
    {
        Assert.AreEqual(expected, GenerateGoBindings.ChoosePInvokeStyle(identifier, version));
    }

    [TestMethod]
    public void CheckGoRuntimes_TwoCSharedLibraries_FailsWithGOB5102NamingEachAndItsReferencer()
    {
        var engine = new RecordingBuildEngine();
        string root = Path.Combine(Path.GetTempPath(), "ws");
        var task = new CheckGoRuntimes
        {
            BuildEngine = engine,
            ProjectFile = Path.Combine(root, "App", "App.csproj"),
            Libraries = new ITaskItem[]
            {
                Library(Path.Combine(root, "go", "a", "a.csproj"), "c-shared", "a", Path.Combine(root, "App", "App.csproj")),
                Library(Path.Combine(root, "go", "b", "b.csproj"), "c-shared", "b", Path.Combine(root, "Mid", "Mid.csproj")),
                Library(Path.Combine(root, "go", "b", "b.csproj"), "c-shared", "b", Path.Combine(root, "App", "App.csproj")),
                Library(Path.Combine(root, "go", "w", "w.csproj"), "wasi-reactor", "w", Path.Combine(root, "App", "App.csproj")),
                Library(Path.Combine(root, "go", "e", "e.csproj"), "exe", "e", Path.Combine(root, "App", "App.csproj")),
            },
        };

        Assert.IsFalse(task.Execute());

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB5102", error.Code);
        StringAssert.Contains(error.Message, "App.csproj would load 2 Go c-shared libraries");
        StringAssert.Contains(error.Message, "a (../go/a/a.csproj, referenced by App.csproj)");
        StringAssert.Contains(error.Message, "b (../go/b/b.csproj, referenced by Mid.csproj, App.csproj)");
    }

    [TestMethod]
    public void CheckGoRuntimes_PackagedLibraries_AreCountedOncePerPackage_AndNamedByPackage()
    {
        var engine = new RecordingBuildEngine();
        ITaskItem Packaged(string by)
        {
            TaskItem item = Library($"/ws/{by}/Contoso.Alpha.nupkg", "c-shared", "alpha", $"/ws/{by}/{by}.csproj");
            item.SetMetadata("PackageId", "Contoso.Alpha");
            item.SetMetadata("Version", "1.2.0");
            return item;
        }

        var one = new CheckGoRuntimes { BuildEngine = engine, ProjectFile = "/ws/App/App.csproj", Libraries = new[] { Packaged("App"), Packaged("Mid") } };
        Assert.IsTrue(one.Execute(), "the same package through two projects is one library");

        var two = new CheckGoRuntimes { BuildEngine = engine, ProjectFile = "/ws/App/App.csproj", Libraries = new[] { Packaged("App"), Library("/ws/go/b/b.csproj", "c-shared", "b", "/ws/App/App.csproj") } };
        Assert.IsFalse(two.Execute());
        StringAssert.Contains(engine.SingleError().Message, "alpha (NuGet package Contoso.Alpha 1.2.0)");
    }

    [TestMethod]
    public void GoLibraryPackageTargets_MarksTheLibrary_AndChecksPackagesAloneWhereTheConsumerTargetsDoNotRun()
    {
        string text = GoLibraryPackageTargets.Create("Contoso.Alpha", "1.2.0", new[] { "alpha" }, importBuild: true, "{0} would load {1}: {2}");
        var project = XElement.Parse(text);

        var marker = project.Elements("ItemGroup").Elements(GoLibraryPackageTargets.ItemName).Single();
        Assert.AreEqual("Contoso.Alpha", (string?)marker.Attribute("Include"));
        Assert.AreEqual("alpha", (string?)marker.Attribute("LibraryName"));
        Assert.AreEqual("$(MSBuildThisFileDirectory)../build/Contoso.Alpha.targets", (string?)project.Element("Import")!.Attribute("Project"));
        var target = project.Element("Target")!;
        Assert.AreEqual("'$(_GoBuildInteropConsumer)' != 'true'", (string?)target.Attribute("Condition"));
        Assert.AreEqual("GOB5102", (string?)target.Element("Error")!.Attribute("Code"));
        Assert.IsNull(XElement.Parse(GoLibraryPackageTargets.Create("P", "1", new[] { "p" }, importBuild: false, "m")).Element("Import"));
    }

    [TestMethod]
    public void CheckGoRuntimes_OneCSharedLibraryAndAWasmModule_Passes()
    {
        var task = new CheckGoRuntimes
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = "/ws/App/App.csproj",
            Libraries = new ITaskItem[] { Library("/ws/go/a/a.csproj", "c-shared", "a", "/ws/App/App.csproj"), Library("/ws/go/w/w.csproj", "wasi-reactor", "w", "/ws/App/App.csproj") },
        };

        Assert.IsTrue(task.Execute());
    }

    [TestMethod]
    public void PrepareGoInterop_CSharedForMusl_WarnsGOB5103_AndWasiReactorWithGo122_FailsGOB5105()
    {
        var engine = new RecordingBuildEngine();
        var musl = new PrepareGoInterop
        {
            BuildEngine = engine,
            BuildMode = "c-shared",
            Bindings = "false",
            ProjectDirectory = Path.GetTempPath(),
            Targets = new ITaskItem[] { new TaskItem("a.stamp", new System.Collections.Generic.Dictionary<string, string> { ["RuntimeIdentifier"] = "linux-musl-arm64" }) },
        };
        Assert.IsTrue(musl.Execute());
        Assert.AreEqual("GOB5103", engine.Warnings[0].Code);
        StringAssert.Contains(engine.Warnings[0].Message, "linux-musl-arm64");

        var oldGo = new PrepareGoInterop { BuildEngine = new RecordingBuildEngine(), BuildMode = "wasi-reactor", ToolchainVersion = "go1.22.12", ProjectDirectory = Path.GetTempPath() };
        Assert.IsFalse(oldGo.Execute());
        Assert.AreEqual("GOB5105", ((RecordingBuildEngine)oldGo.BuildEngine).SingleError().Code);

        var newGo = new PrepareGoInterop { BuildEngine = new RecordingBuildEngine(), BuildMode = "wasi-reactor", ToolchainVersion = "go1.24.4", ProjectDirectory = Path.GetTempPath() };
        Assert.IsTrue(newGo.Execute());
    }

    [TestMethod]
    public void PrepareGoInterop_CSharedWithBindings_WritesAnOverlayThatAddsTheFreeExportToThePackage()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gobuild-overlay-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string overlay = Path.Combine(dir, "obj", "overlay.json");
        var task = new PrepareGoInterop { BuildEngine = new RecordingBuildEngine(), BuildMode = "c-shared", Bindings = "true", ProjectDirectory = dir, OverlayFile = overlay };

        Assert.IsTrue(task.Execute());

        string json = File.ReadAllText(overlay);
        StringAssert.Contains(json, "\"Replace\":{");
        StringAssert.Contains(json, "zz_gobuild_free.go");
        string source = File.ReadAllText(Path.Combine(dir, "obj", "gobuild_free.go"));
        StringAssert.Contains(source, "//export gobuild_free\nfunc gobuild_free(p unsafe.Pointer) {");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "zz_gobuild_free.go")), "never in the user's tree");
        Directory.Delete(dir, recursive: true);
    }

    private static TaskItem Library(string path, string mode, string name, string referencedBy) =>
        new(path, new System.Collections.Generic.Dictionary<string, string> { ["GoBuildMode"] = mode, ["LibraryName"] = name, ["ReferencedBy"] = referencedBy });
}
