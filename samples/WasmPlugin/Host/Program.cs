using GoBindings;

// One module instance owns one Wasmtime store: use it from one thread at a time.
using PluginModule plugin = PluginModule.Load();

Console.WriteLine($"Add(40, 2) = {plugin.Add(40, 2)}");
Console.WriteLine($"Fib(90) = {plugin.Fib(90)}");
Console.WriteLine($"Scale(1.5, 4) = {plugin.Scale(1.5, 4f)}");
Console.WriteLine($"IsPrime(7919) = {plugin.IsPrime(7919)}");
Console.WriteLine($"Built with Go 1.{plugin.GoMinor()}, running in .NET {Environment.Version} on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
