using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace GoBuild.Tests;

/// <summary>The outcome of a finished process: exit code and interleaved output.</summary>
public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Runs <paramref name="fileName"/> to completion (or kills it at the timeout).</summary>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        Action<Process>? onStarted = null)
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

        if (environment != null)
        {
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
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted?.Invoke(process);
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                output.AppendLine($"*** killed after {timeout ?? TimeSpan.FromMinutes(5)}");
            }

            return new ProcessResult(-1, output.ToString(), stopwatch.Elapsed);
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }
}
