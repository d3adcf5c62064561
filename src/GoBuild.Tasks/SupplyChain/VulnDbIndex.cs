using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// The database's <c>index/modules.json</c>: for each module path, the IDs of the entries that
/// affect it and when each was last modified (which tells the cache which entries to fetch again).
/// </summary>
public sealed class VulnDbIndex
{
    private readonly Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _modules;

    private readonly Dictionary<string, OsvVersion> _fixed;

    private VulnDbIndex(Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> modules, Dictionary<string, OsvVersion> fixedVersions)
    {
        _modules = modules;
        _fixed = fixedVersions;
    }

    /// <summary>The entries (ID → modified) of <paramref name="module"/>; empty when none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EntriesOf(string module) =>
        _modules.TryGetValue(module, out IReadOnlyList<KeyValuePair<string, string>>? list) ? list : Array.Empty<KeyValuePair<string, string>>();

    /// <summary>
    /// The entries of <paramref name="module"/> that can affect <paramref name="lowest"/> (the lowest
    /// version of it an audit has to match): those the index gives no fixed version, or a fixed
    /// version above it. The index's <c>fixed</c> is the latest fix of an entry's ranges, so a
    /// version at or above it is affected by none of them; govulncheck's client skips the same
    /// entries. Null <paramref name="lowest"/>: every entry.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> EntriesOf(string module, OsvVersion? lowest) =>
        lowest == null
            ? EntriesOf(module)
            : EntriesOf(module).Where(e => !_fixed.TryGetValue(module + "@" + e.Key, out OsvVersion? f) || lowest.CompareTo(f) < 0).ToList();

    /// <summary>Parses modules.json; <see cref="FormatException"/> when it is not that.</summary>
    public static VulnDbIndex Parse(byte[] json)
    {
        ModuleData?[]? data;
        try
        {
            if (json.SkipWhile(b => b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xef || b == 0xbb || b == 0xbf).FirstOrDefault() != (byte)'[')
            {
                // DataContractJsonSerializer would read an object as an empty array.
                throw new FormatException("index/modules.json is not a JSON array");
            }

            var serializer = new DataContractJsonSerializer(typeof(ModuleData[]));
            using var stream = new MemoryStream(json, writable: false);
            data = (ModuleData?[]?)serializer.ReadObject(stream);
        }
        catch (Exception ex) when (ex is SerializationException || ex is System.Xml.XmlException || ex is InvalidCastException || ex is ArgumentException)
        {
            throw new FormatException("index/modules.json: " + ex.Message, ex);
        }

        var modules = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        var fixedVersions = new Dictionary<string, OsvVersion>(StringComparer.Ordinal);
        foreach (ModuleData? module in data ?? Array.Empty<ModuleData>())
        {
            if (string.IsNullOrEmpty(module?.Path))
            {
                continue;
            }

            modules[module!.Path!] = (module.Vulns ?? Array.Empty<VulnData>())
                .Where(v => v != null && IsId(v.Id))
                .Select(v => new KeyValuePair<string, string>(v!.Id!, v.Modified ?? string.Empty))
                .ToList();
            foreach (VulnData? v in module.Vulns ?? Array.Empty<VulnData>())
            {
                if (v != null && IsId(v.Id) && OsvVersion.TryParse(v.Fixed) is { } fixedVersion)
                {
                    fixedVersions[module.Path + "@" + v.Id] = fixedVersion;
                }
            }
        }

        return new VulnDbIndex(modules, fixedVersions);
    }

    /// <summary>Whether <paramref name="id"/> is safe as a file name (<c>GO-2023-2402</c>).</summary>
    public static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id!.Length < 64 && id.All(c => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');

    [DataContract]
    private sealed class ModuleData
    {
        [DataMember(Name = "path")]
        public string? Path { get; set; }

        [DataMember(Name = "vulns")]
        public VulnData?[]? Vulns { get; set; }
    }

    [DataContract]
    private sealed class VulnData
    {
        [DataMember(Name = "id")]
        public string? Id { get; set; }

        [DataMember(Name = "modified")]
        public string? Modified { get; set; }

        [DataMember(Name = "fixed")]
        public string? Fixed { get; set; }
    }
}
