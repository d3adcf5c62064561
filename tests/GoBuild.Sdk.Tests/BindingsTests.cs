using System;
using System.IO;
using System.Linq;
using GoBuild.Sdk.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests;

/// <summary>
/// Generated C# bindings for Go c-shared libraries: every referencing C# project gets them under its
/// own obj/, type-checked against the Go exports, incremental, and with returned strings freed.
/// </summary>
[TestClass]
public sealed class BindingsTests
{
    [TestMethod]
    public void Build_CSharedReference_GeneratesBindingsUnderTheConsumersObj_WarningFree_AndEveryMappedTypeRoundTrips()
    {
        TestProject ws = TestProject.Create(nameof(Build_CSharedReference_GeneratesBindingsUnderTheConsumersObj_WarningFree_AndEveryMappedTypeRoundTrips));
        BindingsWorkspace.Write(ws);

        DotNetResult build = ws.Build(BindingsWorkspace.App).AssertSuccess();

        // LibraryImport for net10.0, DllImport (C# 7.3) for netstandard2.0, each under its own obj/.
        string modern = File.ReadAllText(ws.PathOf("App/obj/Debug/net10.0/gobuild/bindings/CalcNative.g.cs"));
        StringAssert.Contains(modern, "[global::System.Runtime.InteropServices.LibraryImport(LibraryName, EntryPoint = \"Add\")]");
        StringAssert.Contains(modern, "/// Add returns a + b.");
        string legacy = File.ReadAllText(ws.PathOf("Legacy/obj/Debug/netstandard2.0/gobuild/bindings/CalcNative.g.cs"));
        StringAssert.Contains(legacy, "public static extern long Add(long a, long b);");
        string[] strays = Directory.GetFiles(ws.Root, "*.g.cs", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToArray();
        Assert.AreEqual(0, strays.Length, string.Join(", ", strays));
        Assert.IsFalse(Directory.EnumerateFiles(ws.PathOf("go"), "*gobuild_free*", SearchOption.AllDirectories).Any(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)), "the free function went into the user's tree");

        // Go string parameters are bound (GoString); the export returning a Go string is left out with
        // GOB5101 at its Go line; C.long is left out of the netstandard2.0 bindings (no CLong there);
        // the rest compile warning-free.
        StringAssert.Contains(modern, "public static int Len(string s)");
        StringAssert.Contains(legacy, "public static int Len(string s)");
        Assert.IsTrue(build.OutputMatches(@"calc\.go\(\d+\): warning GOB5101: Export Name is left out of the C# bindings CalcNative: result has Go type 'string', and a Go string cannot be returned to C"), build.Describe());
        Assert.IsFalse(build.OutputMatches(@"GOB5101: Export (Len|Join) "), build.Describe());
        Assert.IsTrue(build.OutputMatches(@"warning GOB5101: Export Twice is left out .* v has Go type 'C\.long', and C\.long is 32-bit on Windows"), build.Describe());
        Assert.IsFalse(build.OutputMatches(@"warning CS\d+"), build.Describe());

        string output = ws.RunProgram("App/bin/Debug/net10.0/App");
        StringAssert.Contains(output, "Add=42");
        StringAssert.Contains(output, "Scale=3");
        StringAssert.Contains(output, "Twice=42");
        StringAssert.Contains(output, "Count=42");
        StringAssert.Contains(output, "IsEven=True,False");
        StringAssert.Contains(output, "Upper=HÉLLO");
        StringAssert.Contains(output, "Nothing=null");
        StringAssert.Contains(output, "Sum=28");
        StringAssert.Contains(output, "Identity=42");
        StringAssert.Contains(output, "Len=6,0,2000");
        StringAssert.Contains(output, "Join=306,a+b");
        StringAssert.Contains(output, "Legacy=42 LEGACY 7");
    }

    [TestMethod]
    public void Build_AfterAGoSignatureChange_FailsInCSharpAtTheCallSite()
    {
        TestProject ws = TestProject.Create(nameof(Build_AfterAGoSignatureChange_FailsInCSharpAtTheCallSite));
        BindingsWorkspace.Write(ws);
        ws.Build(BindingsWorkspace.App).AssertSuccess();

        ws.WriteFile(BindingsWorkspace.CalcGo, BindingsWorkspace.CalcSource.Replace("func Add(a, b C.longlong) C.longlong { return a + b }", "func Add(a, b, c C.longlong) C.longlong { return a + b + c }"));
        DotNetResult result = ws.Build(BindingsWorkspace.App).AssertFailure();

        // The first C# project built against the new bindings fails at its call of Add(x, x) (Legacy, which
        // App references, so MSBuild stops there): "no argument given that corresponds to the required parameter 'c'".
        int line = Array.FindIndex(BindingsWorkspace.LegacyUse.Split('\n'), l => l.Contains("CalcNative.Add(x, x)", StringComparison.Ordinal)) + 1;
        Assert.IsTrue(result.OutputMatches($@"Legacy[/\\]Use\.cs\({line},\d+\): error CS7036: .*'c'.*CalcNative\.Add"), result.Describe());
    }

    [TestMethod]
    public void Build_NoOp_RunsNoGo_AndAnEditInsideAFunctionLeavesTheBindingsUntouched()
    {
        TestProject ws = TestProject.Create(nameof(Build_NoOp_RunsNoGo_AndAnEditInsideAFunctionLeavesTheBindingsUntouched));
        CountingToolchain go = CountingToolchain.Create(ws.Root);
        BindingsWorkspace.Write(ws, go.Root);
        ws.Build(BindingsWorkspace.App).AssertSuccess();
        string bindings = ws.PathOf("App/obj/Debug/net10.0/gobuild/bindings/CalcNative.g.cs");
        string record = ws.PathOf("go/calc/obj/Debug/gobuild/bindings.json");
        DateTime bindingsTime = File.GetLastWriteTimeUtc(bindings);
        DateTime recordTime = File.GetLastWriteTimeUtc(record);

        File.Delete(go.LogFile);
        DotNetResult noop = ws.Build(BindingsWorkspace.App).AssertSuccess();
        Assert.AreEqual(0, go.Invocations.Length, "go ran on a no-op build of the app: " + string.Join("; ", go.Invocations) + "\n" + noop.Describe());

        // A body edit rebuilds the library and lists the exports again, which did not change.
        ws.Age(BindingsWorkspace.CalcGo);
        ws.WriteFile(BindingsWorkspace.CalcGo, BindingsWorkspace.CalcSource.Replace("return a + b }", "return b + a }"));
        DotNetResult edit = ws.Build(BindingsWorkspace.App).AssertSuccess();
        Assert.IsTrue(go.Count("build") > 0, edit.Describe());
        Assert.AreEqual(recordTime, File.GetLastWriteTimeUtc(record), "the record was rewritten with the same exports");
        Assert.AreEqual(bindingsTime, File.GetLastWriteTimeUtc(bindings), "the bindings were rewritten with the same exports");

        // A new export is a new method.
        ws.WriteFile(BindingsWorkspace.CalcGo, BindingsWorkspace.CalcSource + "\n//export Neg\nfunc Neg(x C.int) C.int { return -x }\n");
        ws.Build(BindingsWorkspace.App).AssertSuccess();
        StringAssert.Contains(File.ReadAllText(bindings), "public static partial int Neg(int x);");
    }

    [TestMethod]
    public void Run_MillionCallsOfAStringReturningExport_GrowRssByLessThan10MB()
    {
        TestProject ws = TestProject.Create(nameof(Run_MillionCallsOfAStringReturningExport_GrowRssByLessThan10MB));
        BindingsWorkspace.Write(ws);
        ws.Build(BindingsWorkspace.App, "-c", "Release").AssertSuccess();

        long growth = RssGrowth(ws, "rss");
        Console.WriteLine($"RSS growth over 1,000,000 calls of Upper: {growth / 1024.0 / 1024.0:F2} MB");
        Assert.IsTrue(growth < 10L * 1024 * 1024, $"RSS grew by {growth} bytes over 1,000,000 calls with the results freed");

        // The same calls with the results never freed must show as growth, or the measurement proves nothing.
        long leaked = RssGrowth(ws, "rss-unfreed");
        Console.WriteLine($"RSS growth over 1,000,000 calls with the results not freed: {leaked / 1024.0 / 1024.0:F2} MB");
        Assert.IsTrue(leaked >= 10L * 1024 * 1024, $"RSS grew by only {leaked} bytes over 1,000,000 unfreed results: the measurement cannot see a leak");
    }

    private static long RssGrowth(TestProject ws, string mode)
    {
        string output = ws.RunProgram("App/bin/Release/net10.0/App", mode);
        return long.Parse(output.Trim().Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
