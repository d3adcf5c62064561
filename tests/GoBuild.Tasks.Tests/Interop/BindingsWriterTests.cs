using System.Collections.Generic;
using System.Linq;
using GoBuild.Tasks.Interop;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Interop;

[TestClass]
public sealed class BindingsWriterTests
{
    [TestMethod]
    public void Write_LibraryImport_BindsEachExportByName_WithGoParameterNamesAndDocs()
    {
        (string source, IReadOnlyList<BindingProblem> problems) = BindingsWriter.Write(Record(
            Export("Add", "Add returns a + b.", new[] { ("a", "C.longlong"), ("b", "C.longlong") }, "C.longlong"),
            Export("Greet", "Greet says <hello> & more.", new[] { ("name", "*C.char") }, "*C.char")), BindingStyle.LibraryImport, nullable: true);

        Assert.AreEqual(0, problems.Count);
        StringAssert.Contains(source, "namespace GoBindings");
        StringAssert.Contains(source, "internal static partial class MathlibNative");
        StringAssert.Contains(source, "[global::System.Runtime.InteropServices.LibraryImport(LibraryName, EntryPoint = \"Add\")]");
        StringAssert.Contains(source, "public static partial long Add(long a, long b);");
        StringAssert.Contains(source, "/// Add returns a + b.");
        StringAssert.Contains(source, "/// Greet says &lt;hello&gt; &amp; more.");
        StringAssert.Contains(source, "public static string? Greet(string name)");
        StringAssert.Contains(source, "__GoBuildFree(__result);");
        StringAssert.Contains(source, "EntryPoint = \"gobuild_free\"");
        StringAssert.Contains(source, "#nullable enable");
    }

    [TestMethod]
    public void Write_DllImport_IsCSharp73_WithoutNintOrNullableAnnotations()
    {
        (string source, _) = BindingsWriter.Write(Record(
            Export("Count", string.Empty, new[] { ("n", "int") }, "int"),
            Export("Greet", string.Empty, new[] { ("name", "*C.char") }, "*C.char")), BindingStyle.DllImport, nullable: false);

        StringAssert.Contains(source, "public static extern global::System.IntPtr Count(global::System.IntPtr n);");
        StringAssert.Contains(source, "public static string Greet(string name)");
        Assert.IsFalse(source.Contains("#nullable"), source);
        Assert.IsFalse(source.Contains(" nint "), source);
        Assert.IsFalse(source.Contains("string?"), source);
        // netstandard2.0 has no UnmanagedType.LPUTF8Str: the binding copies the string itself.
        Assert.IsFalse(source.Contains("LPUTF8Str"), source);
        StringAssert.Contains(source, "global::System.IntPtr __utf80 = __ToUtf8(name);");
        StringAssert.Contains(source, "FreeHGlobal(__utf80)");
    }

    [TestMethod]
    public void Write_ExportWithAnUnmappedType_IsLeftOutAndReported_TheRestStayBound()
    {
        (string source, IReadOnlyList<BindingProblem> problems) = BindingsWriter.Write(Record(
            Export("Good", string.Empty, new[] { ("x", "C.int") }, "C.int"),
            Export("Bad", string.Empty, new[] { ("x", "C.int"), ("m", "map[string]int") }, null),
            Export("Pair", string.Empty, new (string, string)[0], "C.int", "C.int")), BindingStyle.LibraryImport, nullable: true);

        StringAssert.Contains(source, " Good(int x)");
        Assert.IsFalse(source.Contains("Bad"), source);
        Assert.IsFalse(source.Contains("Pair"), source);
        Assert.AreEqual(2, problems.Count);
        Assert.AreEqual("Bad", problems[0].Export.Name);
        Assert.AreEqual("m", problems[0].Parameter);
        Assert.AreEqual("map[string]int", problems[0].GoType);
        Assert.AreEqual("result", problems[1].Parameter);
    }

    [TestMethod]
    public void Write_ByteSlice_PinsTheSpanIntoAGoSlice()
    {
        (string source, _) = BindingsWriter.Write(Record(Export("Sum", string.Empty, new[] { ("data", "[]byte") }, "C.longlong")), BindingStyle.LibraryImport, nullable: true);

        StringAssert.Contains(source, "internal static unsafe partial class MathlibNative");
        StringAssert.Contains(source, "public static long Sum(global::System.Span<byte> data)");
        StringAssert.Contains(source, "fixed (byte* __pin0 = data)");
        StringAssert.Contains(source, "private readonly struct GoSlice");
    }

    [TestMethod]
    public void Write_GoStringParameter_EncodesUtf8IntoACallScopedBuffer_AndPassesPointerAndLength()
    {
        (string source, _) = BindingsWriter.Write(Record(Export("Len", string.Empty, new[] { ("s", "string"), ("t", "string") }, "C.int")), BindingStyle.LibraryImport, nullable: true);

        StringAssert.Contains(source, "internal static unsafe partial class MathlibNative");
        StringAssert.Contains(source, "public static int Len(string s, string t)");
        StringAssert.Contains(source, "stackalloc byte[256]");
        StringAssert.Contains(source, "ArrayPool<byte>.Shared.Return(__rented1)");
        StringAssert.Contains(source, "fixed (byte* __pin0 = __utf80)");
        StringAssert.Contains(source, "return __Len(new GoString((nint)__pin0, __length0), new GoString((nint)__pin1, __length1));");
        StringAssert.Contains(source, "private static partial int __Len(GoString s, GoString t);");
        StringAssert.Contains(source, "private readonly struct GoString");

        (string legacy, _) = BindingsWriter.Write(Record(Export("Len", string.Empty, new[] { ("s", "string") }, "C.int")), BindingStyle.DllImport, nullable: false);
        StringAssert.Contains(legacy, "GCHandle.Alloc(__utf80, global::System.Runtime.InteropServices.GCHandleType.Pinned)");
        StringAssert.Contains(legacy, "__pin0.Free();");
        StringAssert.Contains(legacy, "private static extern int __Len(GoString s);");
    }

    [TestMethod]
    public void Write_KeywordParameterNames_AreEscaped()
    {
        (string source, _) = BindingsWriter.Write(Record(Export("F", string.Empty, new[] { ("string", "C.int"), ("_", "C.int") }, null)), BindingStyle.LibraryImport, nullable: true);

        StringAssert.Contains(source, "public static partial void F(int @string, int arg1);");
    }

    [TestMethod]
    public void Write_Wasmtime_IsADisposableModuleClass_WithLoadInitializeAndOneMethodPerExport()
    {
        GoBindingsRecord record = Record(
            Export("add", "add returns a+b.", new[] { ("a", "int32"), ("b", "int32") }, "int32", kind: "wasmexport"),
            Export("scale", string.Empty, new[] { ("x", "float64") }, "float64", kind: "wasmexport"),
            Export("big", string.Empty, new[] { ("x", "uint64") }, "uint64", kind: "wasmexport"),
            Export("ping", string.Empty, new (string, string)[0], null, kind: "wasmexport"),
            Export("Add", string.Empty, new[] { ("a", "C.int") }, "C.int"));
        record.BuildMode = "wasi-reactor";
        record.Library = "wasmlib.wasm";
        record.ClassName = "WasmlibModule";

        (string source, IReadOnlyList<BindingProblem> problems) = BindingsWriter.Write(record, BindingStyle.Wasmtime, nullable: true);

        Assert.AreEqual(0, problems.Count);
        StringAssert.Contains(source, "internal sealed class WasmlibModule : global::System.IDisposable");
        StringAssert.Contains(source, "public static WasmlibModule Load() => Load(global::System.IO.Path.Combine(global::System.AppContext.BaseDirectory, FileName));");
        StringAssert.Contains(source, "public static WasmlibModule Load(string path)");
        StringAssert.Contains(source, "_linker.DefineWasi();");
        StringAssert.Contains(source, "GetAction(\"_initialize\")");
        StringAssert.Contains(source, "_add = instance.GetFunction<int, int, int>(\"add\")");
        StringAssert.Contains(source, "public int Add(int a, int b) => _add(a, b);");
        StringAssert.Contains(source, "public double Scale(double x) => _scale(x);");
        StringAssert.Contains(source, "public ulong Big(ulong x) => unchecked((ulong)_big(unchecked((long)x)));");
        StringAssert.Contains(source, "_ping = instance.GetAction(\"ping\")");
        // The cgo export of the same package is not a WebAssembly export.
        Assert.IsFalse(source.Contains("C.int"), source);
    }

    private static GoBindingsRecord Record(params GoExport[] exports) => new()
    {
        Project = "/src/go/mathlib/mathlib.csproj",
        BuildMode = "c-shared",
        Library = "mathlib",
        Namespace = "GoBindings",
        ClassName = "MathlibNative",
        FreeFunction = "gobuild_free",
        Exports = new GoExportList { Package = "main", Exports = exports.ToList() },
    };

    private static GoExport Export(string name, string doc, (string Name, string Type)[] parameters, string? result, string? secondResult = null, string kind = "export")
    {
        var export = new GoExport { Name = name, Kind = kind, Doc = doc, File = "/src/go/mathlib/mathlib.go", Line = 10 };
        export.Parameters.AddRange(parameters.Select(p => new GoExportParameter { Name = p.Name, Type = p.Type }));
        if (result != null)
        {
            export.Results.Add(new GoExportParameter { Type = result });
        }

        if (secondResult != null)
        {
            export.Results.Add(new GoExportParameter { Type = secondResult });
        }

        return export;
    }
}
