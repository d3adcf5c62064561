using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Runs one <c>go</c> process by absolute path with an explicit environment, streams its stdout and
/// stderr line by line (both read asynchronously, so neither pipe can fill and deadlock), and kills
/// the whole process tree (go and the compile/link children it starts) when cancelled.
/// </summary>
/// <remarks>
/// A plain class rather than ToolTask: one task may run several go processes (build, then list),
/// in parallel (cross-compiling), each with its own environment that must not inherit ours.
/// </remarks>
public sealed class GoProcessRunner
{
    private readonly string _executable;

    /// <summary>Creates a runner for the <c>go</c> executable at <paramref name="executable"/>.</summary>
    public GoProcessRunner(string executable) => _executable = executable;

    /// <summary>
    /// Runs the process to completion and returns its exit code. Every output line goes to
    /// <paramref name="onLine"/> (serialised; the flag says whether it came from stderr).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token fired; the process tree is gone.</exception>
    /// <exception cref="GoBuildException">The executable could not be started.</exception>
    public int Run(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        Action<string, bool> onLine,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
#if NET
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
#else
        startInfo.Arguments = CommandLine.Join(arguments);
#endif
        startInfo.Environment.Clear();
        foreach (KeyValuePair<string, string> variable in environment)
        {
            startInfo.Environment[variable.Key] = variable.Value;
        }

        // The handlers run on thread-pool threads, where an exception would end the MSBuild node:
        // the first failure of onLine is kept (later lines are dropped) and thrown on this thread.
        object gate = new();
        Exception? lineFailure = null;
        void Deliver(string? line, bool isError)
        {
            if (line == null)
            {
                return;
            }

            lock (gate)
            {
                if (lineFailure != null)
                {
                    return;
                }

                try
                {
                    onLine(line, isError);
                }
                catch (Exception ex)
                {
                    lineFailure = ex;
                }
            }
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Deliver(e.Data, false);
        process.ErrorDataReceived += (_, e) => Deliver(e.Data, true);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new GoBuildException("GoCannotStart", _executable, ex.Message);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The callback runs on the thread that cancels (MSBuild's): nothing may escape it either.
        Exception? killFailure = null;
        using (cancellationToken.Register(() =>
        {
            try
            {
                ProcessTree.Kill(process);
            }
            catch (Exception ex)
            {
                killFailure = ex;
            }
        }))
        {
            // The parameterless overload also waits for the redirected streams to drain.
            process.WaitForExit();
        }

        if (killFailure != null)
        {
            throw new GoBuildException("BackgroundStepFailed", "Stopping " + _executable, killFailure.ToString());
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            switch (lineFailure)
            {
                case null:
                    break;
                case GoBuildException coded:
                    // A coded failure of the line handler is the caller's own report: keep its code.
                    ExceptionDispatchInfo.Capture(coded).Throw();
                    break;
                default:
                    throw new GoBuildException("BackgroundStepFailed", "Reading the output of " + _executable, lineFailure.ToString());
            }
        }

        return process.ExitCode;
    }
}
