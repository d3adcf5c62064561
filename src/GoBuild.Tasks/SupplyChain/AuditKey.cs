using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// A digest of everything the findings of one output depend on: what it links (module versions,
/// toolchain, build settings, linked packages), the suppressions, the source and the identity
/// (length, time) of the data files the audit read, and the SDK version (the messages' text).
/// Most edit builds change code and nothing of this; then the findings are those of the last
/// audit, and GoSupplyChain keeps its record without loading the database.
/// </summary>
public static class AuditKey
{
    /// <summary>The key, as lowercase hex.</summary>
    /// <param name="outputName">The output as the messages name it.</param>
    /// <param name="info">The output's build information.</param>
    /// <param name="linked">Its linked packages; null when unknown.</param>
    /// <param name="suppressed">GoAuditSuppress IDs.</param>
    /// <param name="source">GoAuditSource as given.</param>
    /// <param name="sdkVersion">The GoBuild.Sdk version.</param>
    /// <param name="dataFiles">The data files whose identity stands for the data (<see cref="VulnDbClient.CurrentData"/>).</param>
    public static string Of(string outputName, GoBuildInfo info, IReadOnlyList<GoLinkedPackage>? linked, IEnumerable<string> suppressed, string source, string sdkVersion, IEnumerable<string> dataFiles)
    {
        var lines = new List<string>
        {
            "sdk " + sdkVersion,
            "source " + source,
            "output " + outputName,
            "go " + info.GoVersion,
            "main " + info.MainPackage + " " + Module(info.Main),
        };
        lines.AddRange(suppressed.Select(s => s.ToUpperInvariant()).OrderBy(s => s, StringComparer.Ordinal).Select(s => "suppress " + s));
        lines.AddRange(info.Dependencies.Select(d => "dep " + Module(d)));
        lines.AddRange(info.Settings.Select(s => "setting " + s.Key + "=" + s.Value));
        lines.Add(linked == null ? "linked unknown" : "linked " + linked.Count);
        if (linked != null)
        {
            lines.AddRange(linked.Select(p => "package " + p.ImportPath + " " + p.Module + " " + p.ModuleVersion + " " + p.Replacement).OrderBy(l => l, StringComparer.Ordinal));
        }

        foreach (string file in dataFiles)
        {
            var data = new FileInfo(file);
            lines.Add("data " + data.FullName + " " + (data.Exists ? data.Length + " " + data.LastWriteTimeUtc.Ticks : "missing"));
        }

        return GoBuildInfo.Sha256Hex(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
    }

    private static string Module(GoBuildInfoModule? module) =>
        module == null ? "-" : module.Path + "@" + module.Version + (module.Replacement == null ? string.Empty : " => " + Module(module.Replacement));
}
