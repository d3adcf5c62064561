using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// vendor/modules.txt as <c>go mod vendor</c> writes it: <c># path version [=> replacement]</c>
/// lines, each followed by <c>## explicit[; go 1.x]</c> when go.mod requires it, then its packages.
/// </summary>
public sealed class VendorModulesFile
{
    private VendorModulesFile(IReadOnlyList<VendoredModule> modules) => Modules = modules;

    /// <summary>The <c>#</c> entries, in file order.</summary>
    public IReadOnlyList<VendoredModule> Modules { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static VendorModulesFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses modules.txt text the way go's readVendorList does.</summary>
    public static VendorModulesFile Parse(string text)
    {
        var modules = new List<VendoredModule>();
        VendoredModule? current = null;
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                current = null;
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 3)
                {
                    continue;
                }

                int rest;
                ModuleVersion module;
                if (f[2] == "=>")
                {
                    module = new ModuleVersion(f[1], string.Empty);
                    rest = 2;
                }
                else if (f[2].StartsWith("v", StringComparison.Ordinal))
                {
                    module = new ModuleVersion(f[1], f[2]);
                    rest = 3;
                }
                else
                {
                    continue;
                }

                ModuleVersion? replacement = null;
                if (f.Length - rest >= 2 && f[rest] == "=>")
                {
                    replacement = f.Length - rest == 2 ? new ModuleVersion(f[rest + 1], string.Empty) : new ModuleVersion(f[rest + 1], f[rest + 2]);
                }

                current = new VendoredModule(module, replacement);
                modules.Add(current);
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal) && current != null)
            {
                foreach (string entry in line.Substring(3).Split(';').Select(e => e.Trim()))
                {
                    if (entry == "explicit")
                    {
                        current.Explicit = true;
                    }
                }
            }
        }

        return new VendorModulesFile(modules);
    }

    /// <summary>
    /// Where modules.txt disagrees with go.mod, as go's checkVendorConsistency sees it: each finding
    /// names the module version and what disagrees. Empty when they agree.
    /// </summary>
    public IReadOnlyList<(ModuleVersion Module, string Problem)> Disagreements(GoModFile goMod)
    {
        var problems = new List<(ModuleVersion, string)>();
        Dictionary<ModuleVersion, VendoredModule> byModule = Modules
            .GroupBy(m => m.Module)
            .ToDictionary(g => g.Key, g => g.First());

        // Before go 1.14, modules.txt did not record which modules go.mod requires.
        bool pre114 = goMod.GoVersion.Length > 0 && CompareGoVersions(goMod.GoVersion, "1.14") < 0;
        foreach (ModuleVersion required in goMod.Requires)
        {
            byModule.TryGetValue(required, out VendoredModule? vendored);
            if (vendored is { Explicit: true })
            {
                continue;
            }

            VendoredModule? other = Modules.FirstOrDefault(m => m.Module.Path == required.Path && m.Module.Version.Length > 0 && m.Module.Version != required.Version);
            if (other != null)
            {
                problems.Add((required, $"is required in go.mod, but vendor/modules.txt holds {other.Module.Version}"));
            }
            else if (!pre114)
            {
                problems.Add((required, vendored == null
                    ? "is required in go.mod, but vendor/modules.txt does not list it"
                    : "is required in go.mod, but not marked as explicit in vendor/modules.txt"));
            }
        }

        var seen = new HashSet<ModuleVersion>();
        foreach (GoModReplace replace in goMod.Replaces)
        {
            if (!seen.Add(replace.Old))
            {
                continue;
            }

            byModule.TryGetValue(replace.Old, out VendoredModule? vendored);
            if (vendored?.Replacement is not { } vendoredReplacement)
            {
                if (!pre114)
                {
                    problems.Add((replace.Old, "is replaced in go.mod, but not marked as replaced in vendor/modules.txt"));
                }
            }
            else if (!vendoredReplacement.Equals(replace.New))
            {
                problems.Add((replace.Old, $"is replaced by {replace.New} in go.mod, but by {vendoredReplacement} in vendor/modules.txt"));
            }
        }

        foreach (VendoredModule vendored in Modules)
        {
            if (vendored.Explicit && !goMod.Requires.Contains(vendored.Module) && !problems.Any(p => p.Item1.Path == vendored.Module.Path))
            {
                problems.Add((vendored.Module, "is marked as explicit in vendor/modules.txt, but go.mod does not require it"));
            }

            if (vendored.Replacement != null && !goMod.Replaces.Any(r => r.Old.Equals(vendored.Module)))
            {
                problems.Add((vendored.Module, "is marked as replaced in vendor/modules.txt, but not replaced in go.mod"));
            }
        }

        return problems;
    }

    /// <summary>Compares go versions such as 1.9, 1.14, 1.22.3, 1.23rc1 by their numbers.</summary>
    public static int CompareGoVersions(string a, string b)
    {
        int[] x = Numbers(a);
        int[] y = Numbers(b);
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            int c = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int[] Numbers(string version) => version
        .Split('.')
        .Select(p => new string(p.TakeWhile(char.IsDigit).ToArray()))
        .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 0)
        .ToArray();
}

/// <summary>One <c>#</c> entry of vendor/modules.txt.</summary>
public sealed class VendoredModule
{
    /// <summary>Creates the entry.</summary>
    public VendoredModule(ModuleVersion module, ModuleVersion? replacement)
    {
        Module = module;
        Replacement = replacement;
    }

    /// <summary>The module version (an empty version for a wildcard replacement).</summary>
    public ModuleVersion Module { get; }

    /// <summary>The <c>=&gt;</c> replacement, if any.</summary>
    public ModuleVersion? Replacement { get; }

    /// <summary>Whether a <c>## explicit</c> line follows: go.mod requires the module.</summary>
    public bool Explicit { get; set; }
}
