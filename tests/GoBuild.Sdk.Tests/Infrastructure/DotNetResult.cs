using System.Text.RegularExpressions;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>A finished dotnet command, with assertions that put the whole log in their message.</summary>
public sealed class DotNetResult
{
    public DotNetResult(string command, ProcessResult process, string? binlog)
    {
        Command = command;
        ExitCode = process.ExitCode;
        Output = process.Output;
        Binlog = binlog;
    }

    public string Command { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string? Binlog { get; }

    public bool Succeeded => ExitCode == 0;

    /// <summary>The message for assertions: the command, where the binlog is, and the output.</summary>
    public string Describe() => $"{Command}\nexit code {ExitCode}; binlog: {Binlog ?? "(none)"}\n{Output}";

    public DotNetResult AssertSuccess()
    {
        Assert.AreEqual(0, ExitCode, "Expected success. " + Describe());
        return this;
    }

    public DotNetResult AssertFailure()
    {
        Assert.AreNotEqual(0, ExitCode, "Expected failure. " + Describe());
        return this;
    }

    /// <summary>Asserts an MSBuild error with <paramref name="code"/> was logged; returns its line.</summary>
    public string AssertError(string code, string? contains = null)
    {
        foreach (string line in Output.Split('\n'))
        {
            if (line.Contains($"error {code}:") && (contains == null || line.Contains(contains)))
            {
                return line.Trim();
            }
        }

        Assert.Fail($"Expected error {code}{(contains == null ? string.Empty : " containing '" + contains + "'")}. " + Describe());
        return string.Empty;
    }

    public void AssertOutputContains(string text) =>
        Assert.IsTrue(Output.Contains(text), $"Expected output to contain '{text}'. " + Describe());

    public void AssertOutputDoesNotContain(string text) =>
        Assert.IsFalse(Output.Contains(text), $"Expected output not to contain '{text}'. " + Describe());

    public bool OutputMatches(string pattern) => Regex.IsMatch(Output, pattern, RegexOptions.Multiline);
}
