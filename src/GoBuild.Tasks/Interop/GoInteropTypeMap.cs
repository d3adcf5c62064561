using System;
using System.Collections.Generic;

namespace GoBuild.Tasks.Interop;

/// <summary>The kind of C# bindings a referencing project gets.</summary>
public enum BindingStyle
{
    /// <summary><c>[LibraryImport]</c> (source-generated marshalling) for .NET 7 and later.</summary>
    LibraryImport,

    /// <summary><c>[DllImport]</c> in C# 7.3 for older target frameworks (no <c>nint</c>, no <c>CLong</c>, no nullable annotations).</summary>
    DllImport,

    /// <summary>Instance methods over a Wasmtime instance (wasi-reactor).</summary>
    Wasmtime,
}

/// <summary>What the binding must do between the public C# value and the native one.</summary>
public enum InteropConversion
{
    /// <summary>Passed as it is (blittable, or marshalled by an attribute on the native parameter).</summary>
    None,

    /// <summary>A returned <c>*C.char</c>: read as UTF-8, then freed with the SDK's free export.</summary>
    Utf8ReturnFreed,

    /// <summary>A Go <c>[]byte</c> parameter: a <c>GoSlice</c> over the caller's pinned buffer.</summary>
    ByteSlice,

    /// <summary>
    /// A Go <c>string</c> parameter (cgo's <c>GoString</c>: pointer + length, no NUL): the C# string
    /// encoded as UTF-8 into a buffer that lives for the call only (the stack or a pooled array).
    /// </summary>
    GoStringIn,

    /// <summary>A <c>*C.char</c> parameter for pre-.NET 7 consumers: copied to a NUL-terminated UTF-8 buffer by the binding (netstandard2.0 has no <c>UnmanagedType.LPUTF8Str</c>).</summary>
    Utf8InCopied,

    /// <summary>Wasmtime: an unsigned value carried in the signed WebAssembly type of its width.</summary>
    WasmUnsigned,

    /// <summary>Wasmtime: a bool carried as an i32 (0 or 1).</summary>
    WasmBool,
}

/// <summary>How one Go parameter or result type appears in C#.</summary>
public sealed class InteropType
{
    /// <summary>Creates the mapping.</summary>
    public InteropType(string publicType, string nativeType, string nativeAttribute, InteropConversion conversion)
    {
        PublicType = publicType;
        NativeType = nativeType;
        NativeAttribute = nativeAttribute;
        Conversion = conversion;
    }

    /// <summary>The type of the public method's parameter or result.</summary>
    public string PublicType { get; }

    /// <summary>The type in the native signature (the P/Invoke, or the Wasmtime function).</summary>
    public string NativeType { get; }

    /// <summary>A marshalling attribute for the native parameter (<c>[MarshalAs(…)]</c>), or empty.</summary>
    public string NativeAttribute { get; }

    /// <summary>What the public method does between the two.</summary>
    public InteropConversion Conversion { get; }
}

/// <summary>
/// The one place that maps the Go types of exported functions to C#. cgo's rules: C's integer types
/// keep their platform widths (<c>C.long</c> is 32-bit on Windows and 64-bit elsewhere, so it is
/// <c>CLong</c>; <c>size_t</c> is <c>nuint</c>); Go's <c>int</c>/<c>uint</c> (<c>GoInt</c>/<c>GoUint</c>)
/// are pointer-sized on every Go platform, so they are <c>nint</c>/<c>nuint</c> (64-bit on 64-bit
/// platforms); <c>*C.char</c> is a UTF-8, NUL-terminated string; a Go <c>string</c> parameter (<c>GoString</c>)
/// is a C# string passed as UTF-8 bytes plus a length, valid during the call only; every other pointer, <c>unsafe.Pointer</c>
/// and <c>uintptr</c> is <c>nint</c>; a <c>[]byte</c> parameter (<c>GoSlice</c>) is a <c>Span&lt;byte&gt;</c>.
/// A type outside the map gets a reason instead, and its function is left out (GOB5101).
/// </summary>
public static class GoInteropTypeMap
{
    private const string Utf8Attribute = "[global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)]";
    private const string BoolAttribute = "[global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.U1)]";

    // cgo's names for C types (C.xxx), with their C# type of the same width on every platform.
    private static readonly Dictionary<string, string> s_cTypes = new(StringComparer.Ordinal)
    {
        // C's char is signed on x86 and unsigned on arm64 Linux: its 8 bits pass unchanged as a byte.
        ["char"] = "byte",
        ["schar"] = "sbyte",
        ["uchar"] = "byte",
        ["short"] = "short",
        ["ushort"] = "ushort",
        ["int"] = "int",
        ["uint"] = "uint",
        ["longlong"] = "long",
        ["ulonglong"] = "ulong",
        ["float"] = "float",
        ["double"] = "double",
        ["int8_t"] = "sbyte",
        ["int16_t"] = "short",
        ["int32_t"] = "int",
        ["int64_t"] = "long",
        ["uint8_t"] = "byte",
        ["uint16_t"] = "ushort",
        ["uint32_t"] = "uint",
        ["uint64_t"] = "ulong",
        ["size_t"] = "nuint",
        ["ssize_t"] = "nint",
        ["intptr_t"] = "nint",
        ["uintptr_t"] = "nuint",
        ["ptrdiff_t"] = "nint",
    };

    // Go's own types in a cgo export (the header calls them GoInt, GoUint8, GoFloat64…).
    private static readonly Dictionary<string, string> s_goTypes = new(StringComparer.Ordinal)
    {
        ["int"] = "nint",
        ["uint"] = "nuint",
        ["int8"] = "sbyte",
        ["int16"] = "short",
        ["int32"] = "int",
        ["rune"] = "int",
        ["int64"] = "long",
        ["uint8"] = "byte",
        ["byte"] = "byte",
        ["uint16"] = "ushort",
        ["uint32"] = "uint",
        ["uint64"] = "ulong",
        ["float32"] = "float",
        ["float64"] = "double",
        ["uintptr"] = "nint",
        ["unsafe.Pointer"] = "nint",
    };

    // go:wasmexport's types (Go 1.24): WebAssembly has i32, i64, f32, f64; pointers are 32-bit addresses.
    private static readonly Dictionary<string, InteropType> s_wasmTypes = new(StringComparer.Ordinal)
    {
        ["int32"] = new("int", "int", string.Empty, InteropConversion.None),
        ["rune"] = new("int", "int", string.Empty, InteropConversion.None),
        ["uint32"] = new("uint", "int", string.Empty, InteropConversion.WasmUnsigned),
        ["int64"] = new("long", "long", string.Empty, InteropConversion.None),
        ["uint64"] = new("ulong", "long", string.Empty, InteropConversion.WasmUnsigned),
        ["float32"] = new("float", "float", string.Empty, InteropConversion.None),
        ["float64"] = new("double", "double", string.Empty, InteropConversion.None),
        ["bool"] = new("bool", "int", string.Empty, InteropConversion.WasmBool),
        ["uintptr"] = new("int", "int", string.Empty, InteropConversion.None),
        ["unsafe.Pointer"] = new("int", "int", string.Empty, InteropConversion.None),
    };

    /// <summary>The C# form of a parameter of Go type <paramref name="goType"/>, or null with <paramref name="reason"/>.</summary>
    public static InteropType? MapParameter(string goType, BindingStyle style, out string reason) => Map(goType, style, isResult: false, out reason);

    /// <summary>The C# form of a result of Go type <paramref name="goType"/>, or null with <paramref name="reason"/>.</summary>
    public static InteropType? MapResult(string goType, BindingStyle style, out string reason) => Map(goType, style, isResult: true, out reason);

    private static InteropType? Map(string goType, BindingStyle style, bool isResult, out string reason)
    {
        string type = goType.Replace(" ", string.Empty);
        reason = string.Empty;
        if (style == BindingStyle.Wasmtime)
        {
            if (s_wasmTypes.TryGetValue(type, out InteropType? wasm))
            {
                return wasm;
            }

            if (type.StartsWith("*", StringComparison.Ordinal))
            {
                // An address in the module's linear memory.
                return new InteropType("int", "int", string.Empty, InteropConversion.None);
            }

            reason = "go:wasmexport functions are bound for int32, uint32, int64, uint64, float32, float64, bool and pointers";
            return null;
        }

        bool legacy = style == BindingStyle.DllImport;
        if (type == "*C.char")
        {
            return isResult
                ? new InteropType(legacy ? "string" : "string?", Native("nint", legacy), string.Empty, InteropConversion.Utf8ReturnFreed)
                : legacy
                    ? new InteropType("string", "global::System.IntPtr", string.Empty, InteropConversion.Utf8InCopied)
                    : new InteropType("string", "string", Utf8Attribute, InteropConversion.None);
        }

        if (type.StartsWith("*", StringComparison.Ordinal))
        {
            return Direct("nint", legacy);
        }

        if (type == "string")
        {
            if (isResult)
            {
                reason = "a Go string cannot be returned to C: its memory belongs to Go's garbage collector; return *C.char (C.CString), which the bindings read and free";
                return null;
            }

            return new InteropType("string", "GoString", string.Empty, InteropConversion.GoStringIn);
        }

        if (type is "bool" or "C.bool" or "C._Bool")
        {
            return new InteropType("bool", "bool", BoolAttribute, InteropConversion.None);
        }

        if (type is "[]byte" or "[]uint8")
        {
            if (isResult)
            {
                reason = "a Go slice cannot be returned to C: its memory belongs to Go's garbage collector";
                return null;
            }

            return new InteropType(legacy ? "byte[]" : "global::System.Span<byte>", "GoSlice", string.Empty, InteropConversion.ByteSlice);
        }

        if (type.StartsWith("C.", StringComparison.Ordinal))
        {
            string c = type.Substring(2);
            if (c is "long" or "ulong")
            {
                if (legacy)
                {
                    reason = $"C.{c} is 32-bit on Windows and 64-bit elsewhere; it is bound as {(c == "long" ? "CLong" : "CULong")}, which needs .NET 7 or later in the referencing project";
                    return null;
                }

                string clong = c == "long" ? "global::System.Runtime.InteropServices.CLong" : "global::System.Runtime.InteropServices.CULong";
                return new InteropType(clong, clong, string.Empty, InteropConversion.None);
            }

            if (s_cTypes.TryGetValue(c, out string? mapped))
            {
                return Direct(mapped, legacy);
            }

            reason = c.StartsWith("struct_", StringComparison.Ordinal) || c.StartsWith("union_", StringComparison.Ordinal)
                ? "C structs and unions are not bound by value; pass a pointer"
                : "it is not one of C's integer, floating or bool types";
            return null;
        }

        if (s_goTypes.TryGetValue(type, out string? go))
        {
            return Direct(go, legacy);
        }

        reason = type switch
        {
            _ when type.StartsWith("[]", StringComparison.Ordinal) => "only []byte slices are bound (as Span<byte>)",
            _ when type.StartsWith("map[", StringComparison.Ordinal) || type.StartsWith("chan", StringComparison.Ordinal) || type.StartsWith("func", StringComparison.Ordinal) || type.StartsWith("interface", StringComparison.Ordinal) =>
                "Go maps, channels, functions and interfaces cannot cross into C",
            "complex64" or "complex128" => "complex numbers have no C# counterpart that .NET marshals",
            _ => "it is not a C or Go scalar type the bindings know (a named type is not resolved: use the C or Go type itself)",
        };
        return null;
    }

    private static InteropType Direct(string type, bool legacy)
    {
        string native = Native(type, legacy);
        return new InteropType(native, native, string.Empty, InteropConversion.None);
    }

    // C# 7.3 has no nint/nuint keywords.
    private static string Native(string type, bool legacy) => (legacy, type) switch
    {
        (true, "nint") => "global::System.IntPtr",
        (true, "nuint") => "global::System.UIntPtr",
        _ => type,
    };
}
