using System.Runtime.InteropServices;

namespace MixedMonorepo;

/// <summary>
/// The functions the Go library exports (go/mathlib). "mathlib" resolves to libmathlib.so,
/// mathlib.dll or libmathlib.dylib next to the app.
/// </summary>
internal static partial class GoMath
{
    private const string Library = "mathlib";

    [LibraryImport(Library, EntryPoint = "Add")]
    internal static partial long Add(long a, long b);

    [LibraryImport(Library, EntryPoint = "Fibonacci")]
    internal static partial long Fibonacci(int n);

    /// <summary>Calls Greet and frees the C string it returns with the library's own FreeString.</summary>
    internal static string Greet(string name)
    {
        IntPtr greeting = GreetNative(name);
        try
        {
            return Marshal.PtrToStringUTF8(greeting) ?? string.Empty;
        }
        finally
        {
            // Memory from Go's C.CString comes from C's malloc: only the library may free it.
            FreeString(greeting);
        }
    }

    [LibraryImport(Library, EntryPoint = "Greet", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GreetNative(string name);

    [LibraryImport(Library, EntryPoint = "FreeString")]
    private static partial void FreeString(IntPtr value);
}
