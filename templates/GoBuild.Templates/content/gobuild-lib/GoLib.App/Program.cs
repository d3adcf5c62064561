// Calls the Go library in process. The declarations live in GoExports.cs.
Console.WriteLine($"Add(40, 2) = {GoExports.Add(40, 2)}");
Console.WriteLine(GoExports.Greet(".NET " + Environment.Version));
