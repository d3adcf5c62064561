using System.Diagnostics;

/// <summary>Runs the Go program hello (go/hello), which the build puts next to this assembly.</summary>
public static class HelloCommand
{
    /// <summary>The program's path: next to the running app (or test) assembly.</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "hello.exe" : "hello");

    /// <summary>Runs hello with <paramref name="names"/> and returns what it printed; throws when it fails.</summary>
    public static string Run(params string[] names)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true };
        foreach (string name in names)
        {
            start.ArgumentList.Add(name);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Path);
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path} exited with code {process.ExitCode}");
        }

        return output;
    }
}
