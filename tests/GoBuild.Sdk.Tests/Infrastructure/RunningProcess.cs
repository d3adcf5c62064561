using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// A process that keeps running while the test talks to it (dotnet watch): its interleaved output is
/// collected as it comes, a test polls for text with a deadline, and disposing kills the whole tree
/// (watch, the dotnet run it started, the app) whatever happened.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProcess(Process process) => _process = process;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string?> pair in environment)
        {
            if (pair.Value == null)
            {
                psi.Environment.Remove(pair.Key);
            }
            else
            {
                psi.Environment[pair.Key] = pair.Value;
            }
        }

        var process = new Process { StartInfo = psi };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>
    /// Waits until the output holds <paramref name="text"/> after position <paramref name="from"/>;
    /// returns the position after it, or -1 when the deadline passed or the process ended first.
    /// </summary>
    public int WaitForOutput(string text, TimeSpan timeout, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            string output = Output;
            int at = from <= output.Length ? output.IndexOf(text, from, StringComparison.Ordinal) : -1;
            if (at >= 0)
            {
                return at + text.Length;
            }

            if (_process.HasExited)
            {
                // One last look: the final lines may have arrived with the exit.
                _process.WaitForExit();
                output = Output;
                at = from <= output.Length ? output.IndexOf(text, from, StringComparison.Ordinal) : -1;
                return at >= 0 ? at + text.Length : -1;
            }

            Thread.Sleep(250);
        }

        return -1;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line != null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
