using System;
using System.Collections.Generic;
using System.IO;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Decides where the results file of a go test run goes, from what <c>dotnet test</c> passes
/// (<c>--logger trx[;LogFileName=…]</c> → VSTestLogger, <c>--results-directory</c> →
/// VSTestResultsDirectory) and from GoTestResultsDirectory.
/// </summary>
public static class GoTestResultsFile
{
    /// <summary>
    /// The full path of the .trx file to write, or null when none was asked for.
    /// </summary>
    /// <param name="loggers">VSTestLogger items: one per <c>--logger</c>, each <c>name[;key=value…]</c>.</param>
    /// <param name="loggerResultsDirectory">VSTestResultsDirectory (from <c>--results-directory</c>).</param>
    /// <param name="resultsDirectory">GoTestResultsDirectory: asks for a results file by itself.</param>
    /// <param name="defaultDirectory">Where a trx logger writes without a results directory.</param>
    /// <param name="projectName">Names the file when the logger names none.</param>
    public static string? Resolve(IEnumerable<string> loggers, string? loggerResultsDirectory, string? resultsDirectory, string defaultDirectory, string projectName)
    {
        foreach (string logger in loggers)
        {
            string[] parts = logger.Split(';');
            if (!IsTrx(parts[0].Trim()))
            {
                continue;
            }

            string directory = FirstNonEmpty(loggerResultsDirectory, resultsDirectory) ?? defaultDirectory;
            string fileName = projectName + ".trx";
            for (int i = 1; i < parts.Length; i++)
            {
                int eq = parts[i].IndexOf('=');
                if (eq > 0 && parts[i].Substring(0, eq).Trim().Equals("LogFileName", StringComparison.OrdinalIgnoreCase))
                {
                    fileName = parts[i].Substring(eq + 1).Trim()
                        .Replace("{assembly}", projectName)
                        .Replace("{framework}", "go");
                }
            }

            return Path.GetFullPath(Path.IsPathRooted(fileName) ? fileName : Path.Combine(directory, fileName));
        }

        string? explicitDirectory = FirstNonEmpty(resultsDirectory);
        return explicitDirectory == null ? null : Path.GetFullPath(Path.Combine(explicitDirectory, projectName + ".trx"));
    }

    private static bool IsTrx(string name) =>
        name.Equals("trx", StringComparison.OrdinalIgnoreCase) ||
        name.IndexOf("TrxLogger", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (string? value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value!.Trim();
            }
        }

        return null;
    }
}
