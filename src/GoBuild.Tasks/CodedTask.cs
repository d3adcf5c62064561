using System;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBuild.Tasks;

/// <summary>
/// The base of every GoBuild task: messages from Strings.resx, Ctrl+C as a cancellation token, and
/// expected failures (<see cref="GoBuildException"/>) logged as their coded errors. No exception
/// leaves a task: anything else is a bug, logged as GOB2031 with its stack, so a build log says
/// whom to tell. Background threads hand their failures to the task thread (GOB2030).
/// </summary>
public abstract class CodedTask : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Creates the task with the shared message resources.</summary>
    protected CodedTask()
        : base(Resources.Manager)
    {
    }

    /// <summary>Fires when the build is cancelled (Ctrl+C).</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The message logged when the task stops because the build was cancelled.</summary>
    protected virtual string CancelledResourceName => "Cancelled";

    /// <inheritdoc/>
    public void Cancel()
    {
        // MSBuild calls this on a thread of its own; the token's callbacks (killing go, aborting a
        // download) run here, and an exception they threw would reach MSBuild unhandled.
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.LogErrorWithCodeFromResources("BackgroundStepFailed", "Cancelling " + GetType().Name, ex.ToString());
        }
    }

    /// <inheritdoc/>
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (GoBuildException ex)
        {
            Log.LogErrorWithCodeFromResources(ex.ResourceName, ex.Arguments);
        }
        catch (OperationCanceledException)
        {
            Log.LogErrorWithCodeFromResources(CancelledResourceName);
        }
        catch (Exception ex)
        {
            Log.LogErrorWithCodeFromResources("TaskFailedUnexpectedly", GetType().Name, ex.ToString());
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// Tells MSBuild that this task now waits (for a lock or a child process), so the node may run
    /// other work; disposing the result takes the node back. Without IBuildEngine3 (older hosts,
    /// test engines) it does nothing.
    /// </summary>
    protected IDisposable Yield()
    {
        if (BuildEngine is not IBuildEngine3 engine)
        {
            return new Yielded(null);
        }

        engine.Yield();
        return new Yielded(engine);
    }

    /// <summary>The task's work; expected failures are thrown as <see cref="GoBuildException"/>.</summary>
    protected abstract void ExecuteCore();

    private sealed class Yielded : IDisposable
    {
        private IBuildEngine3? _engine;

        public Yielded(IBuildEngine3? engine) => _engine = engine;

        public void Dispose() => Interlocked.Exchange(ref _engine, null)?.Reacquire();
    }
}
