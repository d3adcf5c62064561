namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A workspace with a Go c-shared library (go/calc) whose exports cover the bindings' type map, a
/// net10.0 console app (App) with Nullable and TreatWarningsAsErrors that calls every bound export,
/// and a netstandard2.0 C# library (Legacy) that gets [DllImport] bindings and is referenced by App too.
/// </summary>
public static class BindingsWorkspace
{
    public const string App = "App/App.csproj";

    public const string CalcGo = "go/calc/calc.go";

    public const string CalcSource = """
        // Command calc is a c-shared library for the bindings tests.
        package main

        import "C"

        import (
        	"strings"
        	"unsafe"
        )

        // Add returns a + b.
        //
        //export Add
        func Add(a, b C.longlong) C.longlong { return a + b }

        // Scale multiplies x by f.
        //
        //export Scale
        func Scale(x C.double, f C.float) C.double { return x * C.double(f) }

        // Twice doubles a C long (32-bit on Windows, 64-bit elsewhere).
        //
        //export Twice
        func Twice(v C.long) C.long { return v * 2 }

        //export Count
        func Count(n int, size C.size_t) uint { return uint(n) + uint(size) }

        //export IsEven
        func IsEven(n C.int) bool { return n%2 == 0 }

        // Upper returns s in upper case, in memory from C's malloc.
        //
        //export Upper
        func Upper(s *C.char) *C.char { return C.CString(strings.ToUpper(C.GoString(s))) }

        //export Nothing
        func Nothing() *C.char { return nil }

        //export Sum
        func Sum(data []byte) C.longlong {
        	var t int64
        	for _, b := range data {
        		t += int64(b)
        	}
        	return C.longlong(t)
        }

        //export Fill
        func Fill(data []byte, v C.uchar) {
        	for i := range data {
        		data[i] = byte(v)
        	}
        }

        //export Identity
        func Identity(p unsafe.Pointer) unsafe.Pointer { return p }

        // Len counts the UTF-8 bytes of a Go string (cgo's GoString: pointer and length).
        //
        //export Len
        func Len(s string) C.int { return C.int(len(s)) }

        // Join checks that two Go strings arrive intact: a, "+", b.
        //
        //export Join
        func Join(a string, b string) *C.char { return C.CString(a + "+" + b) }

        // Name returns a Go string, which cannot cross into C.
        //
        //export Name
        func Name() string { return "calc" }

        func main() {}

        """;

    public const string AppProgram = """
        using System.Diagnostics;
        using GoBindings;

        if (args.Length > 0 && args[0].StartsWith("rss", StringComparison.Ordinal))
        {
            // 1,000,000 calls of a string-returning export, each result freed by the SDK's free
            // function ("rss") or, to show that the measurement catches a leak, by nobody
            // ("rss-unfreed", a hand-written import of the same export). A first million calls
            // brings the GC's and Go's heaps to their steady size, so the second million measures
            // only what the calls keep.
            bool freed = args[0] == "rss";
            string[] inputs = Enumerable.Range(0, 10).Select(i => "hello, go " + i).ToArray();
            nint raw = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8("hello, go");
            Calls();
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            long before = Rss();
            Calls();
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            long after = Rss();
            Console.WriteLine($"rss-growth-bytes={after - before}");
            return 0;

            void Calls()
            {
                for (int i = 0; i < 1_000_000; i++)
                {
                    if (freed) { _ = CalcNative.Upper(inputs[i % 10]); } else { _ = Unfreed.Upper(raw); }
                }
            }
        }

        Console.WriteLine($"Add={CalcNative.Add(40, 2)}");
        Console.WriteLine($"Scale={CalcNative.Scale(1.5, 2f)}");
        Console.WriteLine($"Twice={CalcNative.Twice(new System.Runtime.InteropServices.CLong(21)).Value}");
        Console.WriteLine($"Count={CalcNative.Count(40, (nuint)2)}");
        Console.WriteLine($"IsEven={CalcNative.IsEven(4)},{CalcNative.IsEven(3)}");
        Console.WriteLine($"Upper={CalcNative.Upper("héllo")}");
        Console.WriteLine($"Nothing={CalcNative.Nothing() ?? "null"}");
        byte[] buffer = new byte[4];
        CalcNative.Fill(buffer, 7);
        Console.WriteLine($"Sum={CalcNative.Sum(buffer)}");
        Console.WriteLine($"Identity={CalcNative.Identity(42)}");
        Console.WriteLine($"Len={CalcNative.Len("héllo")},{CalcNative.Len("")},{CalcNative.Len(new string('é', 1000))}");
        Console.WriteLine($"Join={CalcNative.Join("héllo", new string('x', 300))?.Length},{CalcNative.Join("a", "b")}");
        Console.WriteLine($"Legacy={Legacy.Use.Both(21)}");
        return 0;

        static long Rss()
        {
            using Process self = Process.GetCurrentProcess();
            self.Refresh();
            return self.WorkingSet64;
        }

        static class Unfreed
        {
            [System.Runtime.InteropServices.DllImport("calc", EntryPoint = "Upper")]
            public static extern nint Upper(nint s);
        }
        """;

    /// <summary>Legacy/Use.cs: a netstandard2.0 caller of the [DllImport] bindings.</summary>
    public const string LegacyUse = """
            namespace Legacy
            {
                public static class Use
                {
                    public static string Both(long x) => GoBindings.CalcNative.Add(x, x) + " " + GoBindings.CalcNative.Upper("legacy") + " " + GoBindings.CalcNative.Len("légacy");
                }
            }
            """;

    /// <summary>Writes the workspace into <paramref name="ws"/>.</summary>
    public static void Write(TestProject ws, string? toolchainRoot = null)
    {
        // Legacy (netstandard2.0) restores NETStandard.Library from the packages this run restored.
        InteropWorkspace.WriteNuGetConfig(ws, withTestPackages: true);
        ws.WriteFile("go/go.mod", "module example.com/calc\n\ngo 1.22\n");
        ws.WriteFile(CalcGo, CalcSource);
        ws.WriteGoProject("go/calc/calc.csproj", toolchainRoot, properties: "<GoBuildMode>c-shared</GoBuildMode>");
        ws.WriteFile(App, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../go/calc/calc.csproj" />
                <ProjectReference Include="../Legacy/Legacy.csproj" />
              </ItemGroup>
            </Project>
            """);
        ws.WriteFile("App/Program.cs", AppProgram);
        ws.WriteFile("Legacy/Legacy.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../go/calc/calc.csproj" />
              </ItemGroup>
            </Project>
            """);
        ws.WriteFile("Legacy/Use.cs", LegacyUse);
    }
}
