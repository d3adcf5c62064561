using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// The module versions go selects for a workspace (its build list, by minimal version selection), as
/// restore's <c>go mod download -json</c> named them. Two workspace modules may require different
/// versions of one module; go builds with the higher only, and needs only its content, so checking
/// the union of the requirements would report the other as not restored (a false GOB3005).
/// </summary>
/// <remarks>
/// Kept in the per-user GoBuild folder, one file per go.work folder, so every project of the workspace
/// reads what the one restore that ran go recorded. Its first line is a digest of go.work and every
/// module's go.mod (and the module cache): after an edit the file no longer applies, and the checks
/// fall back to the union until restore runs go again.
/// </remarks>
public static class WorkspaceSelection
{
    private static readonly Regex s_field = new("^\t\"(?<name>Path|Version|Error)\": (?:\"(?<value>[^\"\\\\]*)\"|.*?),?$", RegexOptions.CultureInvariant);

    /// <summary>The selection recorded for <paramref name="set"/>, or null (module mode, none yet, or out of date).</summary>
    public static IReadOnlyCollection<ModuleVersion>? Load(ModuleSet set, GoCacheLocations caches)
    {
        if (set.WorkFile == null)
        {
            return null;
        }

        string path = PathOf(set, caches);
        if (!File.Exists(path))
        {
            return null;
        }

        IReadOnlyList<string> lines = RecordFile.ReadLines(path);
        if (lines.Count == 0 || !string.Equals(lines[0], Digest(set, caches), StringComparison.Ordinal))
        {
            return null;
        }

        var selected = new HashSet<ModuleVersion>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = RecordFile.Fields(line);
            if (fields.Length == 2)
            {
                selected.Add(new ModuleVersion(fields[0], fields[1]));
            }
        }

        return selected;
    }

    /// <summary>
    /// Records the modules of <paramref name="downloadJson"/> (the output of <c>go mod download -json</c>)
    /// as the selection of <paramref name="set"/>, and returns them as <see cref="Load"/> would read
    /// them back (null in module mode), so the caller need not read the record it just wrote.
    /// </summary>
    public static IReadOnlyCollection<ModuleVersion>? Write(ModuleSet set, GoCacheLocations caches, IEnumerable<string> downloadJson)
    {
        if (set.WorkFile == null)
        {
            return null;
        }

        var selected = new HashSet<ModuleVersion>(Parse(downloadJson));
        IEnumerable<string> rows = selected
            .Select(m => RecordFile.Row(m.Path, m.Version))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(r => r, StringComparer.Ordinal);
        // Restores of the workspace write it under their lock; builds in other processes may read it
        // meanwhile, so it is replaced whole (a rename), never seen half-written.
        string path = PathOf(set, caches);
        string text = string.Concat(new[] { Digest(set, caches) }.Concat(rows).Select(l => l + "\n"));
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            return selected;
        }

        RecordFile.ReplaceAtomically(path, Encoding.UTF8.GetBytes(text));
        return selected;
    }

    /// <summary>
    /// The modules of go's <c>-json</c> output: a stream of indented objects, each closed by a
    /// <c>}</c> at the start of a line, whose own fields are indented by one tab. Read line by line
    /// (netstandard2.0 has no System.Text.Json, and go's stream is not one JSON value): module paths
    /// and versions hold no character JSON escapes. A module with an Error is left out, so its check
    /// stays the strict one; so are lines of anything else (go's messages on stderr).
    /// </summary>
    public static IReadOnlyList<ModuleVersion> Parse(IEnumerable<string> lines)
    {
        var modules = new List<ModuleVersion>();
        string? path = null;
        string? version = null;
        bool failed = false;
        foreach (string line in lines)
        {
            if (line == "{")
            {
                path = version = null;
                failed = false;
                continue;
            }

            if (line == "}")
            {
                if (path != null && version != null && !failed)
                {
                    modules.Add(new ModuleVersion(path, version));
                }

                path = version = null;
                continue;
            }

            Match field = s_field.Match(line);
            if (!field.Success)
            {
                continue;
            }

            switch (field.Groups["name"].Value)
            {
                case "Path":
                    path = field.Groups["value"].Value;
                    break;
                case "Version":
                    version = field.Groups["value"].Value;
                    break;
                default:
                    failed = true;
                    break;
            }
        }

        return modules;
    }

    private static string PathOf(ModuleSet set, GoCacheLocations caches) =>
        Path.Combine(caches.Root, "workspaces", Hex(Path.GetFullPath(set.Root)).Substring(0, 16) + ".selected");

    // What the selection depends on: go.work, every module's go.mod, and which cache it was made for.
    private static string Digest(ModuleSet set, GoCacheLocations caches)
    {
        var text = new StringBuilder();
        text.Append("cache ").Append(caches.ModuleCache).Append('\n');
        text.Append("work ").Append(File.ReadAllText(set.WorkFile!)).Append('\n');
        foreach (string module in set.ModuleRoots)
        {
            string goMod = Path.Combine(module, "go.mod");
            text.Append("module ").Append(module).Append('\n').Append(File.Exists(goMod) ? File.ReadAllText(goMod) : string.Empty).Append('\n');
        }

        return "digest " + Hex(text.ToString());
    }

    private static string Hex(string value)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(value));
        return string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
