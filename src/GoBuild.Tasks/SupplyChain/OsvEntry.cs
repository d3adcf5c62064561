using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// One entry of the Go vulnerability database (<c>ID/GO-YYYY-NNNN.json</c>, OSV schema): which
/// modules and version ranges it affects, and for each the affected packages (with the platforms
/// they are limited to) and symbols.
/// </summary>
/// <remarks>
/// Read with the in-box DataContractJsonSerializer on both task frameworks: one code path, and no
/// System.Text.Json to ship for netstandard2.0 (see docs/supply-chain.md, "JSON").
/// </remarks>
public sealed class OsvEntry
{
    private OsvEntry(string id, string summary, IReadOnlyList<string> aliases, IReadOnlyList<OsvAffected> affected)
    {
        Id = id;
        Summary = summary;
        Aliases = aliases;
        Affected = affected;
    }

    /// <summary>The entry's ID (<c>GO-2023-2402</c>).</summary>
    public string Id { get; }

    /// <summary>The one-line summary.</summary>
    public string Summary { get; }

    /// <summary>CVE and GHSA aliases.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The affected modules.</summary>
    public IReadOnlyList<OsvAffected> Affected { get; }

    /// <summary>Where users read about it.</summary>
    public string Url => "https://pkg.go.dev/vuln/" + Id;

    // One serializer for every entry (an audit reads hundreds; reading is thread-safe): building
    // one is most of the cost of reading a small entry.
    private static readonly DataContractJsonSerializer s_serializer = new(typeof(EntryData));

    /// <summary>Parses one entry; <see cref="FormatException"/> when it is not a readable OSV entry.</summary>
    public static OsvEntry Parse(byte[] json)
    {
        EntryData? data;
        try
        {
            using var stream = new MemoryStream(json, writable: false);
            data = (EntryData?)s_serializer.ReadObject(stream);
        }
        catch (Exception ex) when (ex is SerializationException || ex is System.Xml.XmlException || ex is InvalidCastException || ex is ArgumentException)
        {
            throw new FormatException(ex.Message, ex);
        }

        if (data == null || string.IsNullOrEmpty(data.Id))
        {
            throw new FormatException("the entry has no id");
        }

        var affected = new List<OsvAffected>();
        foreach (AffectedData? a in data.Affected ?? Array.Empty<AffectedData>())
        {
            if (a?.Package?.Name == null)
            {
                continue;
            }

            var ranges = new List<IReadOnlyList<OsvEvent>>();
            foreach (RangeData? range in a.Ranges ?? Array.Empty<RangeData>())
            {
                // Go's database writes SEMVER ranges only; any other type cannot be compared with a module version.
                if (range == null || !string.Equals(range.Type, "SEMVER", StringComparison.Ordinal))
                {
                    continue;
                }

                var events = new List<OsvEvent>();
                foreach (EventData? e in range.Events ?? Array.Empty<EventData>())
                {
                    if (e == null)
                    {
                        continue;
                    }

                    if (e.Introduced != null)
                    {
                        events.Add(OsvEvent.Create(OsvEventKind.Introduced, e.Introduced, data.Id!));
                    }
                    else if (e.Fixed != null)
                    {
                        events.Add(OsvEvent.Create(OsvEventKind.Fixed, e.Fixed, data.Id!));
                    }
                    else if (e.LastAffected != null)
                    {
                        events.Add(OsvEvent.Create(OsvEventKind.LastAffected, e.LastAffected, data.Id!));
                    }
                }

                ranges.Add(events);
            }

            var packages = (a.EcosystemSpecific?.Imports ?? Array.Empty<ImportData>())
                .Where(i => !string.IsNullOrEmpty(i?.Path))
                .Select(i => new OsvPackage(i!.Path!, i.Goos ?? Array.Empty<string>(), i.Goarch ?? Array.Empty<string>(), i.Symbols ?? Array.Empty<string>()))
                .ToList();
            affected.Add(new OsvAffected(a.Package.Name!, ranges, packages));
        }

        return new OsvEntry(data.Id!, data.Summary ?? data.Details ?? string.Empty, data.Aliases ?? Array.Empty<string>(), affected);
    }

    /// <summary>Parses <paramref name="json"/> given as text.</summary>
    public static OsvEntry Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Writes the entry in the digest form <see cref="ReadDigest"/> reads (<see cref="VulnDbDigest"/>).</summary>
    internal void WriteDigest(BinaryWriter writer)
    {
        writer.Write(Id);
        writer.Write(Summary);
        WriteList(writer, Aliases);
        writer.Write(Affected.Count);
        foreach (OsvAffected affected in Affected)
        {
            writer.Write(affected.Module);
            writer.Write(affected.Ranges.Count);
            foreach (IReadOnlyList<OsvEvent> range in affected.Ranges)
            {
                writer.Write(range.Count);
                foreach (OsvEvent e in range)
                {
                    writer.Write((byte)e.Kind);
                    writer.Write(e.Version?.Text ?? "0");
                }
            }

            writer.Write(affected.Packages.Count);
            foreach (OsvPackage package in affected.Packages)
            {
                writer.Write(package.Path);
                WriteList(writer, package.GoOS);
                WriteList(writer, package.GoArch);
                WriteList(writer, package.Symbols);
            }
        }
    }

    /// <summary>Reads a digest <see cref="WriteDigest"/> wrote; <see cref="FormatException"/> or <see cref="EndOfStreamException"/> when it is not one.</summary>
    internal static OsvEntry ReadDigest(BinaryReader reader)
    {
        string id = reader.ReadString();
        string summary = reader.ReadString();
        IReadOnlyList<string> aliases = ReadList(reader);
        int affectedCount = Count(reader);
        var affected = new List<OsvAffected>(affectedCount);
        for (int a = 0; a < affectedCount; a++)
        {
            string module = reader.ReadString();
            int rangeCount = Count(reader);
            var ranges = new List<IReadOnlyList<OsvEvent>>(rangeCount);
            for (int r = 0; r < rangeCount; r++)
            {
                int eventCount = Count(reader);
                var events = new List<OsvEvent>(eventCount);
                for (int e = 0; e < eventCount; e++)
                {
                    byte kind = reader.ReadByte();
                    events.Add(OsvEvent.Create(kind <= (byte)OsvEventKind.LastAffected ? (OsvEventKind)kind : throw new FormatException("not an event kind"), reader.ReadString(), id));
                }

                ranges.Add(events);
            }

            int packageCount = Count(reader);
            var packages = new List<OsvPackage>(packageCount);
            for (int p = 0; p < packageCount; p++)
            {
                packages.Add(new OsvPackage(reader.ReadString(), ReadList(reader), ReadList(reader), ReadList(reader)));
            }

            affected.Add(new OsvAffected(module, ranges, packages));
        }

        return new OsvEntry(id, summary, aliases, affected);
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (string item in items)
        {
            writer.Write(item);
        }
    }

    private static string[] ReadList(BinaryReader reader)
    {
        var items = new string[Count(reader)];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadString();
        }

        return items;
    }

    // A count from a digest, bounded by what is left of it: a damaged digest is a FormatException, never a huge allocation.
    private static int Count(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position ? count : throw new FormatException("not a digest count");
    }

    [DataContract]
    private sealed class EntryData
    {
        [DataMember(Name = "id")]
        public string? Id { get; set; }

        [DataMember(Name = "summary")]
        public string? Summary { get; set; }

        [DataMember(Name = "details")]
        public string? Details { get; set; }

        [DataMember(Name = "aliases")]
        public string[]? Aliases { get; set; }

        [DataMember(Name = "affected")]
        public AffectedData?[]? Affected { get; set; }
    }

    [DataContract]
    private sealed class AffectedData
    {
        [DataMember(Name = "package")]
        public PackageData? Package { get; set; }

        [DataMember(Name = "ranges")]
        public RangeData?[]? Ranges { get; set; }

        [DataMember(Name = "ecosystem_specific")]
        public EcosystemData? EcosystemSpecific { get; set; }
    }

    [DataContract]
    private sealed class PackageData
    {
        [DataMember(Name = "name")]
        public string? Name { get; set; }
    }

    [DataContract]
    private sealed class RangeData
    {
        [DataMember(Name = "type")]
        public string? Type { get; set; }

        [DataMember(Name = "events")]
        public EventData?[]? Events { get; set; }
    }

    [DataContract]
    private sealed class EventData
    {
        [DataMember(Name = "introduced")]
        public string? Introduced { get; set; }

        [DataMember(Name = "fixed")]
        public string? Fixed { get; set; }

        [DataMember(Name = "last_affected")]
        public string? LastAffected { get; set; }
    }

    [DataContract]
    private sealed class EcosystemData
    {
        [DataMember(Name = "imports")]
        public ImportData?[]? Imports { get; set; }
    }

    [DataContract]
    private sealed class ImportData
    {
        [DataMember(Name = "path")]
        public string? Path { get; set; }

        [DataMember(Name = "goos")]
        public string[]? Goos { get; set; }

        [DataMember(Name = "goarch")]
        public string[]? Goarch { get; set; }

        [DataMember(Name = "symbols")]
        public string[]? Symbols { get; set; }
    }
}

/// <summary>The kind of an OSV range event.</summary>
public enum OsvEventKind
{
    /// <summary>Versions from here on are affected.</summary>
    Introduced,

    /// <summary>Versions from here on are not.</summary>
    Fixed,

    /// <summary>Versions after this one are not.</summary>
    LastAffected,
}

/// <summary>One event of an OSV range.</summary>
public sealed class OsvEvent
{
    private OsvEvent(OsvEventKind kind, OsvVersion? version)
    {
        Kind = kind;
        Version = version;
    }

    /// <summary>What the event says.</summary>
    public OsvEventKind Kind { get; }

    /// <summary>Its version; null for <c>introduced: "0"</c>, which is before every version.</summary>
    public OsvVersion? Version { get; }

    /// <summary>Creates an event; <see cref="FormatException"/> for a version that is not semver.</summary>
    public static OsvEvent Create(OsvEventKind kind, string version, string id)
    {
        if (kind == OsvEventKind.Introduced && version == "0")
        {
            return new OsvEvent(kind, null);
        }

        return new OsvEvent(kind, OsvVersion.TryParse(version) ?? throw new FormatException($"{id}: '{version}' is not a semantic version"));
    }
}

/// <summary>An affected package of a module (<c>ecosystem_specific.imports[]</c>).</summary>
public sealed class OsvPackage
{
    /// <summary>Creates the package.</summary>
    public OsvPackage(string path, IReadOnlyList<string> goos, IReadOnlyList<string> goarch, IReadOnlyList<string> symbols)
    {
        Path = path;
        GoOS = goos;
        GoArch = goarch;
        Symbols = symbols;
    }

    /// <summary>The import path.</summary>
    public string Path { get; }

    /// <summary>The GOOS values it is limited to; empty for all.</summary>
    public IReadOnlyList<string> GoOS { get; }

    /// <summary>The GOARCH values it is limited to; empty for all.</summary>
    public IReadOnlyList<string> GoArch { get; }

    /// <summary>The affected functions and methods.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Whether the package is affected on <paramref name="goos"/>/<paramref name="goarch"/>.</summary>
    public bool AppliesTo(string goos, string goarch) =>
        (GoOS.Count == 0 || GoOS.Contains(goos, StringComparer.Ordinal)) && (GoArch.Count == 0 || GoArch.Contains(goarch, StringComparer.Ordinal));
}

/// <summary>One <c>affected[]</c> element: a module, its affected version ranges and packages.</summary>
public sealed class OsvAffected
{
    /// <summary>Creates the element.</summary>
    public OsvAffected(string module, IReadOnlyList<IReadOnlyList<OsvEvent>> ranges, IReadOnlyList<OsvPackage> packages)
    {
        Module = module;
        Ranges = ranges;
        Packages = packages;
    }

    /// <summary>The module path, or <c>stdlib</c> / <c>toolchain</c>.</summary>
    public string Module { get; }

    /// <summary>The SEMVER ranges, each a list of events.</summary>
    public IReadOnlyList<IReadOnlyList<OsvEvent>> Ranges { get; }

    /// <summary>The affected packages; empty means every package of the module.</summary>
    public IReadOnlyList<OsvPackage> Packages { get; }

    /// <summary>
    /// Whether <paramref name="version"/> is in any range, by the OSV evaluation: events sorted by
    /// version (<c>0</c> first), then <c>introduced</c> turns affected on at or after its version,
    /// <c>fixed</c> turns it off at or after its version, <c>last_affected</c> after its version. No
    /// ranges at all means every version.
    /// </summary>
    public bool Affects(OsvVersion version)
    {
        if (Ranges.Count == 0)
        {
            return true;
        }

        foreach (IReadOnlyList<OsvEvent> events in Ranges)
        {
            bool affected = false;
            foreach (OsvEvent e in events.OrderBy(e => e.Version, Comparer<OsvVersion?>.Create(CompareNullFirst)))
            {
                switch (e.Kind)
                {
                    case OsvEventKind.Introduced when e.Version == null || version.CompareTo(e.Version) >= 0:
                        affected = true;
                        break;
                    case OsvEventKind.Fixed when version.CompareTo(e.Version) >= 0:
                        affected = false;
                        break;
                    case OsvEventKind.LastAffected when version.CompareTo(e.Version) > 0:
                        affected = false;
                        break;
                }
            }

            if (affected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lowest <c>fixed</c> version above <paramref name="version"/> (what to upgrade to), or null
    /// when no fix is published.
    /// </summary>
    public OsvVersion? FixedAfter(OsvVersion version) => Ranges
        .SelectMany(r => r)
        .Where(e => e.Kind == OsvEventKind.Fixed && e.Version != null && e.Version.CompareTo(version) > 0)
        .Select(e => e.Version!)
        .OrderBy(v => v, Comparer<OsvVersion>.Create((a, b) => a.CompareTo(b)))
        .FirstOrDefault();

    private static int CompareNullFirst(OsvVersion? a, OsvVersion? b) =>
        a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.CompareTo(b);
}
