using System.Collections;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks.Tests.Platforms;

/// <summary>A build engine that keeps every event a task logs (tasks may log from several threads).</summary>
public sealed class RecordingBuildEngine : IBuildEngine
{
    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    /// <summary>Every error as "CODE: message", for assertion messages.</summary>
    public string Describe() => string.Join("\n", Errors.Select(e => $"{e.Code}: {e.Message}"));

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
    }
}
