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
        string root = Path.Combine(parent, "counting-go" + version);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        foreach (string entry in Directory.EnumerateFileSystemEntries(real))
        {
            string name = Path.GetFileName(entry);
            if (name != "bin")
            {
                File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        string log = Path.Combine(parent, "go-invocations.log");
        string script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexec '{Path.Combine(real, "bin", "go")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.CreateSymbolicLink(Path.Combine(root, "bin", "gofmt"), Path.Combine(real, "bin", "gofmt"));
        return new CountingToolchain(root, log);
    }
}
