using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Go;

/// <summary>A GoTargetPlatform item as the project wrote it: Include and metadata.</summary>
public sealed class DeclaredTarget
{
    /// <summary>Creates the declaration.</summary>
    public DeclaredTarget(string name, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Name = name;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary><c>goos/goarch</c> as written.</summary>
    public string Name { get; }

    /// <summary>GOARM, GOAMD64, GOARM64, RuntimeIdentifier, GoCCompiler, GoCgoEnabled.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>One metadata value, trimmed; empty when absent.</summary>
    public string Get(string name) => Metadata.TryGetValue(name, out string? value) ? value.Trim() : string.Empty;
}

/// <summary>What selects and names the targets of one project (the raw property values).</summary>
public sealed class TargetMatrixSettings
{
    /// <summary>RuntimeIdentifier (dotnet build/publish -r): that one target.</summary>
    public string RuntimeIdentifier { get; set; } = string.Empty;

    /// <summary>RuntimeIdentifiers, <c>;</c>-separated.</summary>
    public string RuntimeIdentifiers { get; set; } = string.Empty;

    /// <summary>GoTargetPlatforms, <c>;</c>-separated <c>goos/goarch</c> pairs.</summary>
    public string TargetPlatforms { get; set; } = string.Empty;

    /// <summary>The GoTargetPlatform items.</summary>
    public IReadOnlyList<DeclaredTarget> Declared { get; set; } = Array.Empty<DeclaredTarget>();

    /// <summary>GOOS of the build machine.</summary>
    public string HostGoOS { get; set; } = string.Empty;

    /// <summary>GOARCH of the build machine.</summary>
    public string HostGoArch { get; set; } = string.Empty;

    /// <summary>The validated build mode (lower case).</summary>
    public string BuildMode { get; set; } = "exe";

    /// <summary>GoOutputName.</summary>
    public string OutputName { get; set; } = string.Empty;

    /// <summary>GoCCompiler: the C compiler of targets whose item names none.</summary>
    public string CCompiler { get; set; } = string.Empty;

    /// <summary>GoCgoEnabled: for targets whose item sets none.</summary>
    public string CgoEnabled { get; set; } = string.Empty;

    /// <summary>OutDir, absolute.</summary>
    public string OutDir { get; set; } = string.Empty;

    /// <summary>The folder of the records, absolute (per-target input records go there).</summary>
    public string IntermediateDirectory { get; set; } = string.Empty;
}

/// <summary>
/// Selects the targets of a build and names their outputs: a RuntimeIdentifier selects that one
/// target (a GoTargetPlatform item with that RID, else the RID table); otherwise every
/// GoTargetPlatform item, every GoTargetPlatforms entry no item names, and every RuntimeIdentifiers
/// entry none of them stands for; nothing at all selects the host without a RID. A wasi-reactor
/// module serves every RID, so it is one target. One target writes <c>$(OutDir)name</c>; several
/// write <c>$(OutDir)key/name</c>.
/// </summary>
public static class TargetMatrix
{
    private static readonly Regex s_pair = new("^[a-z0-9]+/[a-z0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>The selected targets, completed (context, GOARM a RID implies) and named.</summary>
    /// <exception cref="GoBuildException">GOB4001 for an RID the table lacks; GOB4008 when two targets share a folder.</exception>
    public static IReadOnlyList<GoTargetPlatform> Select(TargetMatrixSettings settings, RuntimeIdentifierTable table)
    {
        var declared = new List<GoTargetPlatform>();
        foreach (DeclaredTarget item in settings.Declared)
        {
            declared.Add(RequirePair("The GoTargetPlatform item", FromDeclared(item.Name, item, settings)));
        }

        foreach (string entry in Split(settings.TargetPlatforms))
        {
            if (!settings.Declared.Any(d => string.Equals(d.Name.Trim(), entry, StringComparison.OrdinalIgnoreCase)))
            {
                declared.Add(RequirePair("GoTargetPlatforms", FromDeclared(entry, null, settings)));
            }
        }

        foreach (GoTargetPlatform target in declared.Where(t => t.RuntimeIdentifier.Length == 0))
        {
            target.RuntimeIdentifier = table.PrimaryFor(target.GoOS, target.GoArch) ?? string.Empty;
        }

        var selected = new List<GoTargetPlatform>();
        var requested = new List<string>();
        string rid = settings.RuntimeIdentifier.Trim();
        if (rid.Length > 0)
        {
            selected.AddRange(declared.Where(t => string.Equals(t.RuntimeIdentifier, rid, StringComparison.OrdinalIgnoreCase)));
            if (selected.Count == 0)
            {
                requested.Add(rid);
            }
        }
        else
        {
            selected.AddRange(declared);
            requested.AddRange(Split(settings.RuntimeIdentifiers).Where(r => !declared.Any(t => string.Equals(t.RuntimeIdentifier, r, StringComparison.OrdinalIgnoreCase))));
        }

        string[] unknown = requested.Where(r => table.Find(r) == null).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            string list = string.Join(", ", unknown);
            throw new GoBuildException("UnknownRuntimeIdentifier", list, string.Join(", ", table.Entries.Select(e => e.RuntimeIdentifier)), list);
        }

        // In the table's order, as the RIDs map to targets.
        foreach (RuntimeIdentifierEntry entry in table.Entries.Where(e => requested.Contains(e.RuntimeIdentifier, StringComparer.Ordinal)))
        {
            selected.Add(new GoTargetPlatform
            {
                Name = entry.RuntimeIdentifier,
                GoOS = entry.GoOS,
                GoArch = entry.GoArch,
                GoArm = entry.GoArm,
                RuntimeIdentifier = entry.RuntimeIdentifier,
                CCompiler = settings.CCompiler.Trim(),
                CgoEnabled = settings.CgoEnabled.Trim(),
            });
        }

        if (settings.BuildMode == "wasi-reactor")
        {
            selected.Clear();
            selected.Add(Implicit("wasip1", "wasm", settings));
        }

        if (selected.Count == 0)
        {
            selected.Add(Implicit(settings.HostGoOS, settings.HostGoArch, settings));
        }

        foreach (GoTargetPlatform target in selected)
        {
            Complete(target, table);
            target.Key = target.RuntimeIdentifier.Length > 0 ? target.RuntimeIdentifier : target.GoOS + "-" + target.GoArch;
            string fileName = OutputFileName(settings.BuildMode, settings.OutputName, target.GoOS, target.GoArch);
            target.RelativePath = selected.Count == 1 ? fileName : Path.Combine(target.Key, fileName);
            target.OutputPath = Path.Combine(settings.OutDir, target.RelativePath);
            target.InputsFile = Path.Combine(settings.IntermediateDirectory, target.Key + ".inputs");
            target.HeaderPath = settings.BuildMode.StartsWith("c-", StringComparison.Ordinal) ? Path.ChangeExtension(target.OutputPath, ".h") : string.Empty;
        }

        // Two targets with one folder name would overwrite each other's output.
        string[] shared = selected
            .GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g.Select(t => t.Name)) + " → " + g.Key)
            .ToArray();
        if (shared.Length > 0)
        {
            throw new GoBuildException("SharedOutputFolder", string.Join("; ", shared));
        }

        return selected;
    }

    /// <summary>The output file name by build mode and OS: app, app.exe, app.wasm, libapp.so, app.dll, libapp.dylib, libapp.a.</summary>
    public static string OutputFileName(string buildMode, string name, string goOS, string goArch)
    {
        switch (buildMode)
        {
            case "c-shared":
                return goOS == "windows" ? name + ".dll" : goOS == "darwin" || goOS == "ios" ? "lib" + name + ".dylib" : "lib" + name + ".so";
            case "c-archive":
                return "lib" + name + ".a";
            case "wasi-reactor":
                return name + ".wasm";
            default:
                return goOS == "windows" ? name + ".exe" : goArch == "wasm" ? name + ".wasm" : name;
        }
    }

    /// <summary>The <c>;</c>-separated entries of a list property, trimmed, without empty ones.</summary>
    public static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(';').Select(e => e.Trim()).Where(e => e.Length > 0);

    // goos/goarch: go's names are lower-case letters and digits (whether go knows the pair is the
    // toolchain's dist list to say, when GoBuild runs).
    private static GoTargetPlatform RequirePair(string source, GoTargetPlatform target)
    {
        if (!s_pair.IsMatch(target.Pair))
        {
            throw new GoBuildException("InvalidTargetPlatformEntry", source, target.Name);
        }

        return target;
    }

    private static GoTargetPlatform FromDeclared(string name, DeclaredTarget? item, TargetMatrixSettings settings)
    {
        string spec = name.Trim();
        int slash = spec.IndexOf('/');
        string cc = item?.Get("GoCCompiler") ?? string.Empty;
        string cgo = item?.Get("GoCgoEnabled") ?? string.Empty;
        return new GoTargetPlatform
        {
            Name = spec,
            GoOS = (slash < 0 ? spec : spec.Substring(0, slash)).Trim().ToLowerInvariant(),
            GoArch = (slash < 0 ? string.Empty : spec.Substring(slash + 1)).Trim().ToLowerInvariant(),
            GoArm = item?.Get("GOARM") ?? string.Empty,
            GoAmd64 = item?.Get("GOAMD64") ?? string.Empty,
            GoArm64 = item?.Get("GOARM64") ?? string.Empty,
            RuntimeIdentifier = item?.Get("RuntimeIdentifier") ?? string.Empty,
            CCompiler = cc.Length > 0 ? cc : settings.CCompiler.Trim(),
            CgoEnabled = cgo.Length > 0 ? cgo : settings.CgoEnabled.Trim(),
        };
    }

    private static GoTargetPlatform Implicit(string goOS, string goArch, TargetMatrixSettings settings) => new()
    {
        Name = goOS + "/" + goArch,
        GoOS = goOS,
        GoArch = goArch,
        CCompiler = settings.CCompiler.Trim(),
        CgoEnabled = settings.CgoEnabled.Trim(),
        Implicit = true,
    };

    /// <summary>
    /// Completes <paramref name="target"/> in place: the GOARM its RID implies (linux-arm → 7) when
    /// none is given, and how messages name it (<see cref="GoTargetPlatform.Context"/>).
    /// </summary>
    public static void Complete(GoTargetPlatform target, RuntimeIdentifierTable table)
    {
        RuntimeIdentifierEntry? entry = target.RuntimeIdentifier.Length > 0 ? table.Find(target.RuntimeIdentifier) : null;
        if (entry != null && entry.Pair == target.Pair && target.GoArm.Length == 0)
        {
            target.GoArm = entry.GoArm;
        }

        bool primary = target.RuntimeIdentifier.Length == 0 || table.PrimaryFor(target.GoOS, target.GoArch) == target.RuntimeIdentifier;
        target.Context = primary ? target.Pair : target.Pair + " " + target.RuntimeIdentifier;
    }
}
