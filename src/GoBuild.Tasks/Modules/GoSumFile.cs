using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// A go.sum file: for each module version, the hashes of its content (<c>path version h1:…</c>)
/// and of its go.mod file (<c>path version/go.mod h1:…</c>). Read only: the SDK never writes it.
/// </summary>
public sealed class GoSumFile
{
    private const string GoModSuffix = "/go.mod";
    private readonly Dictionary<(ModuleVersion Module, bool GoMod), List<string>> _hashes;

    private GoSumFile(Dictionary<(ModuleVersion Module, bool GoMod), List<string>> hashes) => _hashes = hashes;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static GoSumFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses go.sum text. Malformed lines are skipped here; go reports them when it reads the file.</summary>
    public static GoSumFile Parse(string text)
    {
        var hashes = new Dictionary<(ModuleVersion, bool), List<string>>();
        foreach (string line in text.Split('\n'))
        {
            string[] fields = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3)
            {
                continue;
            }

            string version = fields[1];
            bool goMod = version.EndsWith(GoModSuffix, StringComparison.Ordinal);
            if (goMod)
            {
                version = version.Substring(0, version.Length - GoModSuffix.Length);
            }

            var key = (new ModuleVersion(fields[0], version), goMod);
            if (!hashes.TryGetValue(key, out List<string>? list))
            {
                list = new List<string>();
                hashes[key] = list;
            }

            list.Add(fields[2]);
        }

        return new GoSumFile(hashes);
    }

    /// <summary>The hashes recorded for the module's content (<paramref name="goMod"/> false) or its go.mod file.</summary>
    public IReadOnlyList<string> HashesOf(ModuleVersion module, bool goMod) =>
        _hashes.TryGetValue((module, goMod), out List<string>? list) ? list : Array.Empty<string>();

    /// <summary>Whether go.sum has any hash for the module's content or go.mod file.</summary>
    public bool Has(ModuleVersion module, bool goMod) => HashesOf(module, goMod).Count > 0;

    /// <summary>Every module version go.sum records, with whether it records the content (not only the go.mod).</summary>
    public IEnumerable<(ModuleVersion Module, bool GoMod)> Entries => _hashes.Keys.OrderBy(k => k.Module.Path, StringComparer.Ordinal).ThenBy(k => k.Module.Version, StringComparer.Ordinal);
}
