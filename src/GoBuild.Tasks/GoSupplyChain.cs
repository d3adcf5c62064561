using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Modules;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tasks.Toolchain;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks;

/// <summary>
/// For each Go output: audits what it links against the Go vulnerability database and writes the
/// findings to its audit record (GoBuild.SupplyChain.targets replays them as GOB3101–GOB3104
/// warnings on every build, no-op builds included), and writes its CycloneDX SBOM and its in-toto /
/// SLSA provenance next to it. Reads the build information go wrote into the output and the
/// package record the build left (GoLinkedPackages): no go process, except <c>go version -m</c>
/// for a file whose build information it cannot find.
/// </summary>
public sealed class GoSupplyChain : CodedTask
{
    /// <summary>
    /// The outputs (GoBinary items, only the stale ones): metadata GoBuildMode, AuditRecord (where
    /// the findings go), SbomPath and ProvenancePath (empty when not wanted).
    /// </summary>
    [Required]
    public ITaskItem[] Binaries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The package records of the project's builds (<c>*.packages</c> in the intermediate folder).</summary>
    public ITaskItem[] PackageRecords { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project folder (relative paths in GoAuditSource, output names in messages).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>GoAudit.</summary>
    public bool Audit { get; set; }

    /// <summary>GoAuditSource.</summary>
    public string? AuditSource { get; set; }

    /// <summary>Where HTTP sources are cached; empty for <c>vulndb</c> in the per-user folder.</summary>
    public string? AuditCacheDir { get; set; }

    /// <summary>GoAuditSuppress items: entry IDs (or CVE aliases) to leave out.</summary>
    public ITaskItem[] Suppressions { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where to write the path of the data stamp the audit used (an input of the next build's up-to-date check).</summary>
    public string? AuditDataRecord { get; set; }

    /// <summary>The GOROOT that built the outputs (for its cache marker and, rarely, go version -m).</summary>
    public string? ToolchainRoot { get; set; }

    /// <summary>go.sum of the module (hashes for builds whose build information has none).</summary>
    public string? GoSumFile { get; set; }

    /// <summary>GoVulnCheck: a govulncheck binary that refines GOB3101 to the functions called; empty for none.</summary>
    public string? VulnCheck { get; set; }

    /// <summary>GoStrip: govulncheck needs the symbol table that stripping removes.</summary>
    public bool Strip { get; set; }

    /// <summary>The GoBuild.Sdk version.</summary>
    public string? SdkVersion { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        VulnDbSource? source = Audit ? VulnDbSource.Parse(AuditSource, ProjectDirectory) : null;
        var suppressed = new HashSet<string>(Suppressions.Select(s => s.ItemSpec.Trim()).Where(s => s.Length > 0), StringComparer.OrdinalIgnoreCase);
        List<GoLinkedPackages> records = PackageRecords.Select(r => GoLinkedPackages.Load(r.GetMetadata("FullPath"))).Where(r => r != null).Select(r => r!).ToList();
        BuiltToolchain? archive = ReadArchive();
        GoSumFile? goSum = !string.IsNullOrEmpty(GoSumFile) && File.Exists(GoSumFile) ? Modules.GoSumFile.Load(GoSumFile!) : null;
        string? Sum(string path, string version) => goSum?.HashesOf(new ModuleVersion(path, version), goMod: false).FirstOrDefault();

        var outputs = new List<(ITaskItem Item, BuiltOutput Output)>();
        foreach (ITaskItem binary in Binaries)
        {
            string path = binary.GetMetadata("FullPath");
            byte[] content = File.ReadAllBytes(path);
            GoBuildInfo? info = GoBuildInfo.FromBinary(content) ?? FromRecord(binary, records);
            if (info == null)
            {
                // Never fail a build over its SBOM: say so, and leave this output without documents.
                Log.LogWarningWithCodeFromResources("BuildInfoUnreadable", path, Resources.Format("BuildInfoNoRecord"));
                continue;
            }

            GoBuildInfo known = info;
            IReadOnlyList<GoLinkedPackage>? linked = records.Where(r => r.Describes(path)).Select(r => r.ReachableFrom(known.MainPackage)).FirstOrDefault(l => l != null);
            var output = new BuiltOutput(Path.GetFileName(path), GoBuildInfo.Sha256Hex(content), binary.GetMetadata("GoBuildMode").Trim().ToLowerInvariant(), info, linked, SdkVersion ?? string.Empty, archive, Sum);
            outputs.Add((binary, output));
            WriteDocument(binary.GetMetadata("SbomPath"), () => CycloneDxWriter.Write(output));
            WriteDocument(binary.GetMetadata("ProvenancePath"), () => ProvenanceWriter.Write(output));
        }

        if (source != null)
        {
            RunAudit(source, suppressed, outputs);
            return;
        }

        // Not audited: empty records, so the up-to-date check has its outputs and nothing is replayed.
        foreach ((ITaskItem item, _) in outputs)
        {
            WriteRecord(item.GetMetadata("AuditRecord"), new List<string>());
        }
    }

    private void RunAudit(VulnDbSource source, ISet<string> suppressed, List<(ITaskItem Item, BuiltOutput Output)> outputs)
    {
        string cacheRoot = string.IsNullOrWhiteSpace(AuditCacheDir)
            ? VulnDbClient.DefaultRoot(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            : Path.GetFullPath(Path.Combine(ProjectDirectory, AuditCacheDir!));
        var client = new VulnDbClient(source, cacheRoot);

        // An edit build mostly changes code, not what the outputs link: when every output's key is
        // the one its record was written with and the data needs no request, the findings are the
        // record's, and the database is not read (about half of this task's time on a small output).
        // Not with govulncheck, whose findings follow the code's calls.
        bool keyed = string.IsNullOrWhiteSpace(VulnCheck);
        IReadOnlyList<string>? current = keyed ? client.CurrentData() : null;
        if (current != null
            && !string.IsNullOrEmpty(AuditDataRecord) && File.Exists(AuditDataRecord)
            && outputs.All(o => KeyMatches(o.Item, AuditKeyOf(o.Item, o.Output, suppressed, source, current))))
        {
            Log.LogMessageFromResources(MessageImportance.Low, "AuditFindingsKept", string.Join(", ", current));
            return;
        }

        VulnDatabase database = string.IsNullOrWhiteSpace(VulnCheck)
            ? client.Load(outputs.SelectMany(o => VulnerabilityAudit.ModuleVersionsOf(o.Output.Info)), CancellationToken)
            : client.Load(outputs.SelectMany(o => VulnerabilityAudit.ModulesOf(o.Output.Info)), CancellationToken); // govulncheck reads every entry of a module from the cache

        var unavailable = database.Problems
            .Select(p => Resources.Format(
                "AuditDataUnavailable",
                source.Text,
                p.Reason,
                p.CachedAge.HasValue ? Resources.Format("AuditCachedCopyUsed", Age(p.CachedAge.Value)) : database.Available ? Resources.Format("AuditEntryMissing")
                : database.NextCheck.HasValue ? Resources.Format("AuditNotAuditedUntil", database.NextCheck.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), client.CacheDirectory)
                : Resources.Format("AuditNotAudited")))
            .ToList();

        foreach ((ITaskItem item, BuiltOutput output) in outputs)
        {
            string name = RelativeName(item.GetMetadata("FullPath"));
            var lines = new List<string>(unavailable);
            if (database.Available)
            {
                IReadOnlyList<AuditFinding> findings = VulnerabilityAudit.Audit(output.Info, output.Linked, database, suppressed);
                IReadOnlyDictionary<string, IReadOnlyList<string>>? calls = null;
                if (!string.IsNullOrWhiteSpace(VulnCheck) && findings.Any(f => f.Tier == AuditTier.PackageLinked))
                {
                    try
                    {
                        calls = Strip
                            ? throw new GoBuildException("VulnCheckFailed", VulnCheck!, name, 0, Resources.Format("VulnCheckNeedsSymbols"))
                            : GoVulnCheck.Run(VulnCheck!.Trim(), new Uri(client.DatabaseFolder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/'), item.GetMetadata("FullPath"), ProjectDirectory, CancellationToken);
                    }
                    catch (GoBuildException ex)
                    {
                        lines.Add(ex.Message);
                    }
                }

                foreach (AuditFinding finding in findings)
                {
                    string refinement = calls == null || finding.Tier != AuditTier.PackageLinked ? string.Empty
                        : calls.TryGetValue(finding.Entry.Id, out IReadOnlyList<string>? called) && called.Count > 0 ? " " + Resources.Format("VulnCheckCalled", string.Join(", ", called))
                        : " " + Resources.Format("VulnCheckNotCalled");
                    lines.Add(Resources.Format(
                        finding.ResourceName,
                        name,
                        string.Join(", ", finding.Packages),
                        finding.Module,
                        finding.Version,
                        finding.Entry.Id,
                        finding.FixedVersion.Length > 0 ? finding.FixedVersion : Resources.Format("AuditNoFix"),
                        OneLine(finding.Entry.Summary),
                        finding.Entry.Url) + refinement);
                }
            }

            WriteRecord(item.GetMetadata("AuditRecord"), lines);
        }

        // The keys of this audit, for the next build; none when the data had a problem (it is asked again).
        IReadOnlyList<string>? read = keyed && database.Available && database.Problems.Count == 0 ? client.CurrentData() : null;
        foreach ((ITaskItem item, BuiltOutput output) in outputs)
        {
            string keyFile = KeyFileOf(item);
            if (keyFile.Length == 0)
            {
                continue;
            }

            if (read != null)
            {
                WriteIfDifferent(keyFile, AuditKeyOf(item, output, suppressed, source, read));
            }
            else if (File.Exists(keyFile))
            {
                File.Delete(keyFile);
            }
        }

        if (!string.IsNullOrEmpty(AuditDataRecord))
        {
            // No stamp (no data, nothing recorded): the next build's up-to-date check finds an input missing and tries again.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(AuditDataRecord!))!);
            WriteIfDifferent(AuditDataRecord!, database.StampPath ?? Path.Combine(cacheRoot, "no-data.stamp"));
        }
    }

    private static string KeyFileOf(ITaskItem item)
    {
        string record = item.GetMetadata("AuditRecord");
        return record.Length == 0 ? string.Empty : record + ".key";
    }

    private string AuditKeyOf(ITaskItem item, BuiltOutput output, ISet<string> suppressed, VulnDbSource source, IReadOnlyList<string> data) =>
        AuditKey.Of(RelativeName(item.GetMetadata("FullPath")), output.Info, output.Linked, suppressed, source.Text, SdkVersion ?? string.Empty, data);

    private static bool KeyMatches(ITaskItem item, string key)
    {
        string keyFile = KeyFileOf(item);
        return keyFile.Length > 0 && File.Exists(item.GetMetadata("AuditRecord")) && File.Exists(keyFile)
            && string.Equals(File.ReadAllText(keyFile), key, StringComparison.Ordinal);
    }

    private static void WriteRecord(string record, List<string> lines)
    {
        if (record.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(record))!);
            WriteIfDifferent(record, string.Concat(lines.Select(l => OneLine(l) + "\n")));
        }
    }

    private BuiltToolchain? ReadArchive()
    {
        if (string.IsNullOrEmpty(ToolchainRoot))
        {
            return null;
        }

        string marker = Path.Combine(ToolchainRoot!, ToolchainCache.MarkerName);
        if (!File.Exists(marker))
        {
            return null;
        }

        ToolchainMarker parsed = ToolchainMarker.Parse(File.ReadAllText(marker));
        return parsed.Archive.Length > 0 && parsed.Sha256.Length > 0 ? new BuiltToolchain(parsed.Archive, parsed.Sha256) : null;
    }

    // The file holds no build information (wasm): the build's package record says what it links.
    private static GoBuildInfo? FromRecord(ITaskItem binary, List<GoLinkedPackages> records)
    {
        string path = binary.GetMetadata("FullPath");
        GoLinkedPackages? record = records.FirstOrDefault(r => r.Describes(path));
        if (record == null)
        {
            return null;
        }

        // The main package: GoPackage metadata (an import path) when the item has it, else the record's one command.
        string mainPackage = binary.GetMetadata("GoPackage").Trim();
        if (mainPackage.Length == 0 || !record.Packages.ContainsKey(mainPackage))
        {
            var imported = new HashSet<string>(record.Packages.Values.SelectMany(p => p.Imports), StringComparer.Ordinal);
            List<string> roots = record.Packages.Values.Where(p => p.Module != GoLinkedPackages.StandardLibrary && !imported.Contains(p.ImportPath)).Select(p => p.ImportPath).ToList();
            if (roots.Count != 1)
            {
                return null;
            }

            mainPackage = roots[0];
        }

        IReadOnlyList<GoLinkedPackage> linked = record.ReachableFrom(mainPackage)!;
        var settings = new List<KeyValuePair<string, string>>
        {
            new("-buildmode", binary.GetMetadata("GoBuildMode").Trim().ToLowerInvariant()),
            new("GOARCH", binary.GetMetadata("GoArch").Trim()),
            new("GOOS", binary.GetMetadata("GoOS").Trim()),
        };
        return GoBuildInfo.FromRecord(binary.GetMetadata("GoToolchainVersion").Trim(), mainPackage, linked, settings);
    }

    private string RelativeName(string path)
    {
        string root = Path.GetFullPath(ProjectDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return (path.StartsWith(root, StringComparison.Ordinal) ? path.Substring(root.Length) : path).Replace('\\', '/');
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h"
        : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
        : $"{Math.Max(0, (int)age.TotalMinutes)} min";

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ").Trim();

    private static void WriteDocument(string path, Func<byte[]> write)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        byte[] content = write();
        if (File.Exists(path) && File.ReadAllBytes(path).SequenceEqual(content))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, content);
    }

    private static void WriteIfDifferent(string path, string text)
    {
        if (!File.Exists(path) || !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            File.WriteAllText(path, text);
        }
    }
}
