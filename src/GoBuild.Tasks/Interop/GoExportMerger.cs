using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Interop;

/// <summary>
/// Merges the exports a package has on each platform the Go project builds for into the one list the
/// bindings are generated from. A referencing project compiles one binding source whatever RID it
/// runs on, so an export is bound only when every platform exports it with the same Go types (the
/// type map gives each type its width on every platform: <c>C.long</c> is <c>CLong</c>, <c>int</c> is
/// <c>nint</c>). An export that is missing on some platform or declared differently is kept with
/// <see cref="GoExport.PlatformProblem"/> set, so the referencing project leaves it out with GOB5111
/// instead of calling a function that is not there, or with the wrong arguments, on that platform.
/// </summary>
public static class GoExportMerger
{
    /// <summary>Merges per-platform lists (platform = <c>goos/goarch</c>), in the order given; the first platform's declaration is kept.</summary>
    public static GoExportList Merge(IReadOnlyList<KeyValuePair<string, GoExportList>> perPlatform)
    {
        if (perPlatform.Count == 0)
        {
            return new GoExportList();
        }

        if (perPlatform.Count == 1)
        {
            return perPlatform[0].Value;
        }

        var merged = new GoExportList
        {
            Package = perPlatform[0].Value.Package,
            Files = perPlatform.SelectMany(p => p.Value.Files).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList(),
        };

        // Every export name any platform has, in the first order it appears (file, then source order).
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (GoExport export in perPlatform.SelectMany(p => p.Value.Exports))
        {
            if (seen.Add(export.Kind + "\0" + export.Name))
            {
                names.Add(export.Kind + "\0" + export.Name);
            }
        }

        foreach (string key in names)
        {
            var declarations = perPlatform
                .Select(p => new KeyValuePair<string, GoExport?>(p.Key, p.Value.Exports.FirstOrDefault(e => e.Kind + "\0" + e.Name == key)))
                .ToList();
            GoExport first = declarations.First(d => d.Value != null).Value!;
            var missing = declarations.Where(d => d.Value == null).Select(d => d.Key).ToList();
            var signatures = declarations.Where(d => d.Value != null).GroupBy(d => Signature(d.Value!), StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                string present = string.Join(", ", declarations.Where(d => d.Value != null).Select(d => d.Key));
                first.PlatformProblem = $"it is exported on {present} but not on {string.Join(", ", missing)}";
            }
            else if (signatures.Count > 1)
            {
                first.PlatformProblem = "its Go signature differs between platforms: " +
                    string.Join("; ", signatures.Select(g => string.Join(", ", g.Select(d => d.Key)) + ": func " + first.Name + g.Key));
            }

            merged.Exports.Add(first);
        }

        return merged;
    }

    /// <summary>The parameter and result types, as the source spells them (names do not change a call).</summary>
    public static string Signature(GoExport export) =>
        "(" + string.Join(", ", export.Parameters.Select(p => p.Type.Replace(" ", string.Empty))) + ")" +
        (export.Results.Count == 0 ? string.Empty : " (" + string.Join(", ", export.Results.Select(r => r.Type.Replace(" ", string.Empty))) + ")");
}
