using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoBindings;

// In process: BenchmarkDotNet's default toolchain would rebuild this project (and its Go
// references) for every job. Pass "--iterations N" to change the measured iterations.
int iterations = args.Length == 2 && args[0] == "--iterations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(iterations))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
// For a blittable signature the LibraryImport generator emits the [DllImport] method itself: the
// generated binding should then be the very same kind of method as the hand-written one.
Console.WriteLine($"RESULT-PINVOKE generated={IsPInvoke(typeof(MathlibNative), "Add")} handwritten={IsPInvoke(typeof(HandWritten), "Add")}");
var summary = BenchmarkRunner.Run<CallOverhead>(config);
foreach (var report in summary.Reports)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} {report.ResultStatistics?.Median ?? double.NaN:F3}"));
}

static bool IsPInvoke(Type type, string name) =>
    (type.GetMethod(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.Attributes & System.Reflection.MethodAttributes.PinvokeImpl) != 0;

/// <summary>One call of Go's Add(40, 2) through each path.</summary>
public class CallOverhead
{
    private PluginModule _plugin = null!;

    [GlobalSetup]
    public void Setup() => _plugin = PluginModule.Load();

    [GlobalCleanup]
    public void Cleanup() => _plugin.Dispose();

    /// <summary>What people write by hand today.</summary>
    [Benchmark(Baseline = true)]
    public long HandWrittenDllImport() => HandWritten.Add(40, 2);

    /// <summary>The [LibraryImport] binding GoBuild.Sdk generated from //export Add.</summary>
    [Benchmark]
    public long GeneratedBinding() => MathlibNative.Add(40, 2);

    /// <summary>The same function as a wasi-reactor export, called through Wasmtime.</summary>
    [Benchmark]
    public long WasiReactor() => _plugin.Add(40, 2);

    /// <summary>A Go string parameter by hand: UTF-8 on the stack, pointer and length.</summary>
    [Benchmark]
    public long HandWrittenGoString() => HandWritten.Len(Text);

    /// <summary>The generated binding of //export Len(s string).</summary>
    [Benchmark]
    public long GeneratedGoString() => MathlibNative.Len(Text);

    private const string Text = "hello, go: a 32-byte ASCII text.";
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
