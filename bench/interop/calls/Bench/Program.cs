using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoBindings;

// In process: BenchmarkDotNet's default toolchain would rebuild this project (and its Go
// references) for every job. Arguments: "--only native|wasm" (which group this process measures)
// and "--iterations N".
// The two groups run in separate processes: a process that holds the Go runtime of a c-shared
// library and Wasmtime at once has three runtimes chaining SIGSEGV handlers (.NET's null checks,
// Go's, Wasmtime's traps), which is not a combination the SDK recommends (docs/interop.md) and
// crashed one run of this benchmark; and the call overhead of a P/Invoke should not be measured
// with a wasm engine's handlers in the chain.
string only = "native";
int iterations = 20;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--only": only = args[i + 1]; break;
        case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown argument {args[i]}");
    }
}
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(iterations))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
Summary summary;
if (only == "wasm")
{
    summary = BenchmarkRunner.Run<WasmCalls>(config);
}
else
{
    // For a blittable signature the LibraryImport generator emits the [DllImport] method itself: the
    // generated binding should then be the very same kind of method as the hand-written one.
    Console.WriteLine($"RESULT-PINVOKE generated={IsPInvoke(typeof(MathlibNative), "Add")} handwritten={IsPInvoke(typeof(HandWritten), "Add")}");
    summary = BenchmarkRunner.Run<NativeCalls>(config);
}
foreach (var report in summary.Reports)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} {report.ResultStatistics?.Median ?? double.NaN:F3}"));
}

static bool IsPInvoke(Type type, string name) =>
    (type.GetMethod(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.Attributes & System.Reflection.MethodAttributes.PinvokeImpl) != 0;

/// <summary>One call of Go's Add(40, 2) and Len(s) through a hand-written import and the generated binding.</summary>
public class NativeCalls
{
    /// <summary>What people write by hand today.</summary>
    [Benchmark(Baseline = true)]
    public long HandWrittenDllImport() => HandWritten.Add(40, 2);

    /// <summary>The [LibraryImport] binding GoBuild.Sdk generated from //export Add.</summary>
    [Benchmark]
    public long GeneratedBinding() => MathlibNative.Add(40, 2);

    /// <summary>A Go string parameter by hand: UTF-8 on the stack, pointer and length.</summary>
    [Benchmark]
    public long HandWrittenGoString() => HandWritten.Len(Text);

    /// <summary>The generated binding of //export Len(s string).</summary>
    [Benchmark]
    public long GeneratedGoString() => MathlibNative.Len(Text);

    private const string Text = "hello, go: a 32-byte ASCII text.";
}

/// <summary>The same Add as a wasi-reactor export, called through Wasmtime.</summary>
public class WasmCalls
{
    private PluginModule _plugin = null!;

    [GlobalSetup]
    public void Setup() => _plugin = PluginModule.Load();

    [GlobalCleanup]
    public void Cleanup() => _plugin.Dispose();

    [Benchmark]
    public long WasiReactor() => _plugin.Add(40, 2);
}

internal static unsafe class HandWritten
{
    [DllImport("mathlib", EntryPoint = "Add")]
    public static extern long Add(long a, long b);

    public static long Len(string s)
    {
        Span<byte> utf8 = stackalloc byte[256];
        int length = System.Text.Encoding.UTF8.GetBytes(s, utf8);
        fixed (byte* p = utf8)
        {
            return Len(new GoString { Data = (nint)p, Length = length });
        }
    }

    [DllImport("mathlib", EntryPoint = "Len")]
    private static extern long Len(GoString s);

    private struct GoString
    {
        public nint Data;
        public nint Length;
    }
}
