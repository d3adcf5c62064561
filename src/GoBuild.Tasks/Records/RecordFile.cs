using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.Records;

/// <summary>
/// The small files through which C# hands its decisions to the targets (docs/design.md lists them).
/// A record is rewritten only when its content changes, so its time stamp says when the decision
/// last changed: targets compare it with Inputs/Outputs. Rows the targets read
/// (<c>ReadLinesFromFile</c>) hold fields separated by <see cref="Separator"/>, decoded by position.
/// </summary>
public static class RecordFile
{
    /// <summary>Separates the fields of a row; no field may hold it (or a line break).</summary>
    public const char Separator = '|';

    /// <summary>The record of the files a decision read (its Inputs next time): <c>&lt;record&gt;.inputs</c>.</summary>
    public static string InputsOf(string record) => record + ".inputs";

    /// <summary>The record of the files a decision looked for and did not find: <c>&lt;record&gt;.absent</c>.</summary>
    public static string AbsentOf(string record) => record + ".absent";

    /// <summary>One row: the fields joined by <see cref="Separator"/>.</summary>
    /// <exception cref="GoBuildException">GOB2011 when a field holds the separator or a line break.</exception>
    public static string Row(params string[] fields)
    {
        foreach (string field in fields)
        {
            if (field.IndexOf(Separator) >= 0 || field.IndexOf('\n') >= 0 || field.IndexOf('\r') >= 0)
            {
                throw new GoBuildException("RecordFieldInvalid", field);
            }
        }

        return string.Join(Separator.ToString(), fields);
    }

    /// <summary>Writes <paramref name="lines"/> to <paramref name="path"/> unless it holds them already.</summary>
    /// <returns>Whether the file was written.</returns>
    public static bool Write(string path, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line).Append('\n');
        }

        string content = text.ToString();
        string full = Path.GetFullPath(path);
        if (File.Exists(full) && string.Equals(File.ReadAllText(full), content, StringComparison.Ordinal))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file and renames it over <paramref name="path"/>:
    /// for files other processes may read while this one writes them (shared caches), never seen half-written.
    /// </summary>
    public static void ReplaceAtomically(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, content);
        if (File.Exists(path))
        {
            File.Replace(temp, path, null);
        }
        else
        {
            File.Move(temp, path);
        }
    }

    /// <summary>Writes what a decision read and what it looked for in vain, next to its record.</summary>
    public static void WriteInputs(string record, DecisionInputs inputs)
    {
        Write(InputsOf(record), inputs.Read.Distinct(StringComparer.Ordinal));
        Write(AbsentOf(record), inputs.Absent.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The lines of <paramref name="path"/>, without empty ones.</summary>
    public static IReadOnlyList<string> ReadLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    /// <summary>The fields of <paramref name="row"/>.</summary>
    public static string[] Fields(string row) => row.Split(Separator);
}

/// <summary>
/// What a decision depended on: the files it read (a change or deletion re-decides) and the
/// files it looked for and did not find (one appearing re-decides: a closer go.mod, a go.work).
/// </summary>
public sealed class DecisionInputs
{
    /// <summary>Files read; each must exist.</summary>
    public List<string> Read { get; } = new();

    /// <summary>Paths looked at that did not exist.</summary>
    public List<string> Absent { get; } = new();
}
