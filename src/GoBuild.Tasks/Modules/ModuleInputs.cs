using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The record of module cache files a restore or a verification relied on, one path per line,
/// read back by the targets (ReadLinesFromFile) as Inputs: a file that disappears, as when the
/// cache is cleaned, makes the next build or restore run again.
/// </summary>
internal static class ModuleInputs
{
    /// <summary>Writes the record if <paramref name="path"/> is set, only when its content changes.</summary>
    public static void Write(string? path, IEnumerable<string> files)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        string fullPath = Path.GetFullPath(path);
        string text = string.Concat(files.Select(f => f + "\n"));
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        if (!File.Exists(fullPath) || !string.Equals(File.ReadAllText(fullPath), text, StringComparison.Ordinal))
        {
            File.WriteAllText(fullPath, text);
        }
    }
}
