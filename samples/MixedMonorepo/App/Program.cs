using System.Diagnostics;
using GoBindings;

// 1. In process: the Go c-shared library, through the bindings GoBuild.Sdk generates from its
//    //export functions (GoBindings.MathlibNative, under obj/; nothing hand-written).
Console.WriteLine($"Add(40, 2) = {MathlibNative.Add(40, 2)}");
Console.WriteLine($"Fibonacci(90) = {MathlibNative.Fibonacci(90)}");
Console.WriteLine($"Greet: {MathlibNative.Greet(".NET " + Environment.Version)}");

// 2. Out of process: the Go program, started from the app's own folder.
string sidecar = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sidecar.exe" : "sidecar");
var start = new ProcessStartInfo(sidecar) { RedirectStandardOutput = true };
foreach (string n in new[] { "1", "2", "3", "36" })
{
    start.ArgumentList.Add(n);
}

using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + sidecar);
string json = process.StandardOutput.ReadToEnd().Trim();
process.WaitForExit();
Console.WriteLine($"Sidecar: {json} (exit code {process.ExitCode})");
return process.ExitCode;
