using System;
using System.IO;
using System.Linq;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOROOT that is a real toolchain seen through symlinks, except that bin/go is a script that
/// logs each invocation before running the real go. Tests use it to prove that a build ran go, or
/// (for no-op builds) that it did not.
/// </summary>
public sealed class CountingToolchain
{
    private CountingToolchain(string root, string log)
    {
        Root = root;
        LogFile = log;
    }

    /// <summary>The GOROOT to give to GoToolchainRoot.</summary>
    public string Root { get; }

    /// <summary>One line per go invocation: its arguments.</summary>
    public string LogFile { get; }

    /// <summary>The go invocations so far.</summary>
    public string[] Invocations => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : Array.Empty<string>();

    /// <summary>The go invocations whose first argument is <paramref name="verb"/>.</summary>
    public int Count(string verb) => Invocations.Count(l => l.StartsWith(verb + " ", StringComparison.Ordinal) || l == verb);

    public static CountingToolchain Create(string parent, string version = E2E.DefaultGoVersion)
    {
        string real = RepoPaths.GoRoot(version);
        string log = Path.Combine(parent, "go-invocations.log");
        string root = Shadow(real, Path.Combine(parent, "counting-go" + version), $"echo \"$*\" >> '{log}'\nexec '{Path.Combine(real, "bin", "go")}' \"$@\"\n");
        return new CountingToolchain(root, log);
    }

    /// <summary>
    /// Makes <paramref name="root"/> a GOROOT that is <paramref name="real"/> seen through
    /// symlinks, except for bin/go: a /bin/sh script with <paramref name="goScript"/> as its body.
    /// </summary>
    internal static string Shadow(string real, string root, string goScript)
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        foreach (string entry in Directory.EnumerateFileSystemEntries(real))
        {
            string name = Path.GetFileName(entry);
            if (name != "bin")
            {
                File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        string script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, "#!/bin/sh\n" + goScript);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.CreateSymbolicLink(Path.Combine(root, "bin", "gofmt"), Path.Combine(real, "bin", "gofmt"));
        return root;
    }
}
