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

    /// <summary>Writes the index in the digest form <see cref="ReadDigest"/> reads (<see cref="VulnDbDigest"/>).</summary>
    internal void WriteDigest(BinaryWriter writer)
    {
        writer.Write(_modules.Count);
        foreach (KeyValuePair<string, IReadOnlyList<KeyValuePair<string, string>>> module in _modules.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            // Each module's block is length-prefixed, so a reader skips the modules it does not need.
            using var block = new MemoryStream();
            using (var blockWriter = new BinaryWriter(block, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                blockWriter.Write(module.Value.Count);
                foreach (KeyValuePair<string, string> entry in module.Value)
                {
                    blockWriter.Write(entry.Key);
                    blockWriter.Write(entry.Value);
                    blockWriter.Write(_fixed.TryGetValue(module.Key + "@" + entry.Key, out OsvVersion? f) ? f.Text : string.Empty);
                }
            }

            writer.Write(module.Key);
            writer.Write((int)block.Length);
            writer.Write(block.GetBuffer(), 0, (int)block.Length);
        }
    }

    /// <summary>Reads a digest <see cref="WriteDigest"/> wrote, keeping only <paramref name="modules"/>.</summary>
    internal static VulnDbIndex ReadDigest(BinaryReader reader, ICollection<string> modules)
    {
        var wanted = modules as ISet<string> ?? new HashSet<string>(modules, StringComparer.Ordinal);
        var list = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        var fixedVersions = new Dictionary<string, OsvVersion>(StringComparer.Ordinal);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string path = reader.ReadString();
            int length = reader.ReadInt32();
            if (!wanted.Contains(path))
            {
                reader.BaseStream.Seek(length, SeekOrigin.Current);
                continue;
            }

            int entries = reader.ReadInt32();
            var ids = new List<KeyValuePair<string, string>>(entries);
            for (int e = 0; e < entries; e++)
            {
                string id = reader.ReadString();
                string modified = reader.ReadString();
                ids.Add(new KeyValuePair<string, string>(id, modified));
                if (OsvVersion.TryParse(reader.ReadString()) is { } fixedVersion)
                {
                    fixedVersions[path + "@" + id] = fixedVersion;
                }
            }

            list[path] = ids;
        }

        return new VulnDbIndex(list, fixedVersions);
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
