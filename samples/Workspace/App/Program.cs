using System.Diagnostics;

// Runs each Go command that the services project put next to this app.
foreach (string command in new[] { "hello", "uptime" })
{
    Console.WriteLine(GoCommands.Run(command, "dotnet"));
}

/// <summary>Starts a Go command from the app's folder and returns what it printed.</summary>
public static class GoCommands
{
    /// <summary>Runs <paramref name="command"/> with <paramref name="argument"/>; throws when it fails.</summary>
    public static string Run(string command, string argument)
    {
        string file = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? command + ".exe" : command);
        var start = new ProcessStartInfo(file, argument) { RedirectStandardOutput = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} exited with {process.ExitCode}");
    }
}
