using System.Runtime.InteropServices;

/// <summary>
/// The functions the Go library exports (GoLib/exports.go), declared by hand. "GoLib" resolves to
/// libGoLib.so, GoLib.dll or libGoLib.dylib next to the app.
/// </summary>
internal static partial class GoExports
{
    private const string Library = "GoLib";

    [LibraryImport(Library, EntryPoint = "Add")]
    internal static partial long Add(long a, long b);

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
            // Go's C.CString allocates with C's malloc: only the library may free it.
            FreeString(greeting);
        }
    }

    [LibraryImport(Library, EntryPoint = "Greet", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GreetNative(string name);

    [LibraryImport(Library, EntryPoint = "FreeString")]
    private static partial void FreeString(IntPtr value);
}
