using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks.Tests.Modules;

/// <summary>A build engine that keeps what tasks log, so tests can assert on codes and messages.</summary>
internal sealed class TaskHarness : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<string> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    /// <summary>Everything logged, for assertion messages.</summary>
    public string Log => string.Join(Environment.NewLine, Errors.Select(e => $"error {e.Code}: {e.Message}").Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}")).Concat(Messages));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public void LogCustomEvent(CustomBuildEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    /// <summary>The one error with <paramref name="code"/>; fails when there is none or several.</summary>
    public BuildErrorEventArgs Error(string code)
    {
        var matching = Errors.Where(e => e.Code == code).ToList();
        Microsoft.VisualStudio.TestTools.UnitTesting.Assert.AreEqual(1, matching.Count, $"Expected one error {code}. Log:\n{Log}");
        return matching[0];
    }
}
