using System.Collections.Generic;
using System.IO;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>Runs the test Go on built binaries to read back what the SDK built.</summary>
public static class GoTool
{
    /// <summary>Runs <c>go</c> with a clean, pinned environment.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessResult.Run(
            Path.Combine(RepoPaths.GoRoot(E2E.DefaultGoVersion), "bin", "go"),
            arguments,
            workingDirectory,
            new Dictionary<string, string?> { ["GOTOOLCHAIN"] = "local", ["GOENV"] = "off", ["GOFLAGS"] = null, ["GOROOT"] = null });

    /// <summary><c>go version BINARY</c>: the toolchain that built it.</summary>
    public static string VersionOf(string binary) => Checked(Run(Path.GetDirectoryName(binary)!, "version", binary));

    /// <summary><c>go version -m BINARY</c>: toolchain and build settings.</summary>
    public static string BuildInfoOf(string binary) => Checked(Run(Path.GetDirectoryName(binary)!, "version", "-m", binary));

    /// <summary>Whether a binary has no symbol table (-s): <c>go tool nm</c> finds no symbols in it.</summary>
    public static bool IsStripped(string binary)
    {
        ProcessResult result = Run(Path.GetDirectoryName(binary)!, "tool", "nm", binary);
        return result.ExitCode != 0 && result.Output.Contains("no symbols");
    }

    private static string Checked(ProcessResult result)
    {
        Assert.AreEqual(0, result.ExitCode, result.Output);
        return result.Output;
    }
}
