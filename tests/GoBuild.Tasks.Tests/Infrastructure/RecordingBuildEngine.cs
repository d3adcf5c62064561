using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks.Tests.Infrastructure;

/// <summary>An error or warning as a task logged it.</summary>
public sealed record RecordedDiagnostic(string? Code, string? File, int Line, int Column, string Message);

/// <summary>A message as a task logged it.</summary>
public sealed record RecordedMessage(MessageImportance Importance, string Message);

/// <summary>
/// A build engine that keeps everything a task logs, so tests can assert on codes, locations and
/// importance (after dotnet/sourcelink's MockEngine). <see cref="ToString"/> is the whole log, for
/// assertion messages.
/// </summary>
public sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly object _gate = new();
    private readonly List<RecordedDiagnostic> _errors = new();
    private readonly List<RecordedDiagnostic> _warnings = new();
    private readonly List<RecordedMessage> _messages = new();
    private readonly StringBuilder _log = new();

    /// <summary>The errors, in order.</summary>
    public IReadOnlyList<RecordedDiagnostic> Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToArray();
            }
        }
    }

    /// <summary>The warnings, in order.</summary>
    public IReadOnlyList<RecordedDiagnostic> Warnings
    {
        get
        {
            lock (_gate)
            {
                return _warnings.ToArray();
            }
        }
    }

    /// <summary>The messages, in order.</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public bool ContinueOnError => false;

    /// <inheritdoc/>
    public int LineNumberOfTaskNode => 0;

    /// <inheritdoc/>
    public int ColumnNumberOfTaskNode => 0;

    /// <inheritdoc/>
    public string ProjectFileOfTaskNode => "test.proj";

    /// <summary>The single error, failing with the whole log when there is not exactly one.</summary>
    public RecordedDiagnostic SingleError()
    {
        IReadOnlyList<RecordedDiagnostic> errors = Errors;
        if (errors.Count != 1)
        {
            throw new InvalidOperationException($"Expected exactly one error, got {errors.Count}:{Environment.NewLine}{this}");
        }

        return errors[0];
    }

    /// <summary>Whether any message at <paramref name="importance"/> contains <paramref name="text"/>.</summary>
    public bool HasMessage(MessageImportance importance, string text) =>
        Messages.Any(m => m.Importance == importance && m.Message.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc/>
    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (_gate)
        {
            _errors.Add(new RecordedDiagnostic(e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty));
            _log.AppendLine($"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (_gate)
        {
            _warnings.Add(new RecordedDiagnostic(e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty));
            _log.AppendLine($"warning {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (_gate)
        {
            _messages.Add(new RecordedMessage(e.Importance, e.Message ?? string.Empty));
            _log.AppendLine($"message ({e.Importance}): {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void LogCustomEvent(CustomBuildEventArgs e)
    {
        lock (_gate)
        {
            _log.AppendLine($"custom: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("Tasks under test do not build other projects.");

    /// <inheritdoc/>
    public override string ToString()
    {
        lock (_gate)
        {
            return _log.ToString();
        }
    }
}
