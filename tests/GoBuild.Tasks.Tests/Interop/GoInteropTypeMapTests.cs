using GoBuild.Tasks.Interop;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Interop;

[TestClass]
public sealed class GoInteropTypeMapTests
{
    [TestMethod]
    [DataRow("C.char", "byte")]
    [DataRow("C.schar", "sbyte")]
    [DataRow("C.uchar", "byte")]
    [DataRow("C.short", "short")]
    [DataRow("C.ushort", "ushort")]
    [DataRow("C.int", "int")]
    [DataRow("C.uint", "uint")]
    [DataRow("C.longlong", "long")]
    [DataRow("C.ulonglong", "ulong")]
    [DataRow("C.float", "float")]
    [DataRow("C.double", "double")]
    [DataRow("C.size_t", "nuint")]
    [DataRow("C.ssize_t", "nint")]
    [DataRow("C.int32_t", "int")]
    [DataRow("C.uint64_t", "ulong")]
    [DataRow("C.long", "global::System.Runtime.InteropServices.CLong")]
    [DataRow("C.ulong", "global::System.Runtime.InteropServices.CULong")]
    [DataRow("int", "nint")]
    [DataRow("uint", "nuint")]
    [DataRow("int64", "long")]
    [DataRow("uint8", "byte")]
    [DataRow("float32", "float")]
    [DataRow("float64", "double")]
    [DataRow("uintptr", "nint")]
    [DataRow("unsafe.Pointer", "nint")]
    [DataRow("*C.int", "nint")]
    [DataRow("**C.char", "nint")]
    public void MapParameter_LibraryImport_GivesThePlatformCorrectCSharpType(string go, string csharp)
    {
        InteropType? type = GoInteropTypeMap.MapParameter(go, BindingStyle.LibraryImport, out string reason);

        Assert.IsNotNull(type, reason);
        Assert.AreEqual(csharp, type!.PublicType);
        Assert.AreEqual(csharp, type.NativeType);
        Assert.AreEqual(InteropConversion.None, type.Conversion);
    }

    [TestMethod]
    public void MapParameter_DllImport_UsesIntPtrForNint_AndRejectsCLongWithTheReason()
    {
        Assert.AreEqual("global::System.IntPtr", GoInteropTypeMap.MapParameter("int", BindingStyle.DllImport, out _)!.PublicType);
        Assert.AreEqual("global::System.UIntPtr", GoInteropTypeMap.MapParameter("C.size_t", BindingStyle.DllImport, out _)!.PublicType);

        Assert.IsNull(GoInteropTypeMap.MapParameter("C.long", BindingStyle.DllImport, out string reason));
        StringAssert.Contains(reason, "32-bit on Windows");
    }

    [TestMethod]
    public void CharPointer_IsAUtf8StringParameter_AndAFreedNullableStringResult()
    {
        InteropType parameter = GoInteropTypeMap.MapParameter("*C.char", BindingStyle.LibraryImport, out _)!;
        Assert.AreEqual("string", parameter.PublicType);
        StringAssert.Contains(parameter.NativeAttribute, "LPUTF8Str");

        InteropType result = GoInteropTypeMap.MapResult("*C.char", BindingStyle.LibraryImport, out _)!;
        Assert.AreEqual("string?", result.PublicType);
        Assert.AreEqual("nint", result.NativeType);
        Assert.AreEqual(InteropConversion.Utf8ReturnFreed, result.Conversion);

        InteropType legacy = GoInteropTypeMap.MapParameter("*C.char", BindingStyle.DllImport, out _)!;
        Assert.AreEqual(InteropConversion.Utf8InCopied, legacy.Conversion);
        Assert.AreEqual("global::System.IntPtr", legacy.NativeType);
    }

    [TestMethod]
    public void GoString_IsAStringParameterPassedAsAGoString_AndCannotBeReturned()
    {
        InteropType modern = GoInteropTypeMap.MapParameter("string", BindingStyle.LibraryImport, out _)!;
        Assert.AreEqual("string", modern.PublicType);
        Assert.AreEqual("GoString", modern.NativeType);
        Assert.AreEqual(InteropConversion.GoStringIn, modern.Conversion);
        Assert.AreEqual(InteropConversion.GoStringIn, GoInteropTypeMap.MapParameter("string", BindingStyle.DllImport, out _)!.Conversion);

        Assert.IsNull(GoInteropTypeMap.MapResult("string", BindingStyle.LibraryImport, out string reason));
        StringAssert.Contains(reason, "garbage collector");
        StringAssert.Contains(reason, "*C.char");
    }

    [TestMethod]
    public void Bool_IsMarshalledAsOneByte()
    {
        InteropType type = GoInteropTypeMap.MapParameter("bool", BindingStyle.LibraryImport, out _)!;

        Assert.AreEqual("bool", type.PublicType);
        StringAssert.Contains(type.NativeAttribute, "UnmanagedType.U1");
    }

    [TestMethod]
    public void ByteSlice_IsASpanParameter_AndCannotBeReturned()
    {
        InteropType type = GoInteropTypeMap.MapParameter("[]byte", BindingStyle.LibraryImport, out _)!;
        Assert.AreEqual("global::System.Span<byte>", type.PublicType);
        Assert.AreEqual("GoSlice", type.NativeType);
        Assert.AreEqual("byte[]", GoInteropTypeMap.MapParameter("[]byte", BindingStyle.DllImport, out _)!.PublicType);

        Assert.IsNull(GoInteropTypeMap.MapResult("[]byte", BindingStyle.LibraryImport, out string reason));
        StringAssert.Contains(reason, "garbage collector");
    }

    [TestMethod]
    [DataRow("map[string]int", "maps")]
    [DataRow("[]int", "only []byte")]
    [DataRow("complex128", "complex")]
    [DataRow("C.struct_point", "structs")]
    [DataRow("Handle", "named type")]
    [DataRow("C.wchar_t", "not one of C's")]
    public void MapParameter_OutsideTheMap_IsNullWithAReason(string go, string reasonPart)
    {
        Assert.IsNull(GoInteropTypeMap.MapParameter(go, BindingStyle.LibraryImport, out string reason));
        StringAssert.Contains(reason, reasonPart);
    }

    [TestMethod]
    [DataRow("int32", "int", "int")]
    [DataRow("int64", "long", "long")]
    [DataRow("float32", "float", "float")]
    [DataRow("float64", "double", "double")]
    [DataRow("uint32", "uint", "int")]
    [DataRow("uint64", "ulong", "long")]
    [DataRow("bool", "bool", "int")]
    [DataRow("unsafe.Pointer", "int", "int")]
    public void MapParameter_Wasmtime_UsesWebAssemblyValueTypes(string go, string publicType, string nativeType)
    {
        InteropType type = GoInteropTypeMap.MapParameter(go, BindingStyle.Wasmtime, out string reason)!;

        Assert.IsNotNull(type, reason);
        Assert.AreEqual(publicType, type.PublicType);
        Assert.AreEqual(nativeType, type.NativeType);
    }

    [TestMethod]
    public void MapParameter_Wasmtime_RejectsGoInt_WhichHasNoWasmExportForm()
    {
        Assert.IsNull(GoInteropTypeMap.MapParameter("int", BindingStyle.Wasmtime, out string reason));
        StringAssert.Contains(reason, "int32");
    }
}
