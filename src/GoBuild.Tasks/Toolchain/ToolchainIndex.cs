using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization;
#if NET
using System.Text.Json;
#else
using System.IO;
using System.Runtime.Serialization.Json;
#endif

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// The list of Go releases in the official JSON shape (<c>?mode=json&amp;include=all</c>):
/// <c>[{"version":"go1.26.11","stable":true,"files":[{"filename","os","arch","version","sha256","size","kind"}]}]</c>.
/// </summary>
/// <remarks>
/// Read with the JSON reader in-box for each task framework: System.Text.Json's JsonDocument on
/// net8.0, DataContractJsonSerializer on netstandard2.0.
/// </remarks>
public sealed class ToolchainIndex
{
    private ToolchainIndex(IReadOnlyList<ToolchainRelease> releases) => Releases = releases;

    /// <summary>The releases whose version Go's grammar accepts.</summary>
    public IReadOnlyList<ToolchainRelease> Releases { get; }

    /// <summary>Parses the index read from <paramref name="source"/>; GOB1018 when it is not in the official shape.</summary>
    public static ToolchainIndex Parse(byte[] json, string source)
    {
        // DataContractJsonSerializer reads an object as an empty array; the index must be an array.
        string start = System.Text.Encoding.UTF8.GetString(json, 0, Math.Min(json.Length, 64)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!start.StartsWith("[", StringComparison.Ordinal))
        {
            throw new GoBuildException("InvalidIndex", source, "it is not a JSON array of releases");
        }

        ReleaseData[]? data;
        try
        {
            data = Deserialize(json);
        }
        catch (Exception ex) when (ex is SerializationException || IsJsonException(ex))
        {
            throw new GoBuildException("InvalidIndex", source, ex.Message);
        }

        if (data == null)
        {
            throw new GoBuildException("InvalidIndex", source, "it is not a JSON array of releases");
        }

        var releases = new List<ToolchainRelease>();
        foreach (ReleaseData r in data)
        {
            GoVersion? version = r?.Version == null ? null : GoVersion.TryParse(r.Version);
            if (r == null || version == null || !r.Version!.StartsWith("go", StringComparison.Ordinal))
            {
                // The official index holds only go-prefixed releases; skip anything else rather than fail.
                continue;
            }

            var files = (r.Files ?? Array.Empty<FileData>())
                .Where(f => f != null && !string.IsNullOrEmpty(f.FileName))
                .Select(f => new ToolchainArchive(f.FileName!, f.Os ?? string.Empty, f.Arch ?? string.Empty, (f.Sha256 ?? string.Empty).Trim().ToLowerInvariant(), f.Size, f.Kind ?? string.Empty))
                .ToList();
            releases.Add(new ToolchainRelease(r.Version!, version, r.Stable, files));
        }

        return new ToolchainIndex(releases);
    }

#if NET
    private static bool IsJsonException(Exception ex) => ex is JsonException || ex is InvalidOperationException || ex is FormatException;

    // JsonDocument: no serializer metadata to build, so a first read costs a few milliseconds.
    private static ReleaseData[] Deserialize(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("it is not a JSON array of releases");
        }

        var releases = new List<ReleaseData>();
        foreach (JsonElement release in document.RootElement.EnumerateArray())
        {
            if (release.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("a release is not a JSON object");
            }

            var files = new List<FileData>();
            if (release.TryGetProperty("files", out JsonElement fileArray) && fileArray.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement file in fileArray.EnumerateArray())
                {
                    files.Add(new FileData
                    {
                        FileName = String(file, "filename"),
                        Os = String(file, "os"),
                        Arch = String(file, "arch"),
                        Sha256 = String(file, "sha256"),
                        Size = file.TryGetProperty("size", out JsonElement size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0,
                        Kind = String(file, "kind"),
                    });
                }
            }

            releases.Add(new ReleaseData
            {
                Version = String(release, "version"),
                Stable = release.TryGetProperty("stable", out JsonElement stable) && stable.ValueKind == JsonValueKind.True,
                Files = files.ToArray(),
            });
        }

        return releases.ToArray();
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
#else
    private static bool IsJsonException(Exception ex) => ex is System.Xml.XmlException || ex is InvalidCastException;

    // In-box for netstandard2.0: the netstandard2.0 tasks need no System.Text.Json next to them in
    // .NET Framework MSBuild, where its dependencies clash with MSBuild's own copies.
    private static ReleaseData[]? Deserialize(byte[] json)
    {
        var serializer = new DataContractJsonSerializer(typeof(ReleaseData[]));
        using var stream = new MemoryStream(json, writable: false);
        return (ReleaseData[]?)serializer.ReadObject(stream);
    }
#endif

    /// <summary>The release named <paramref name="name"/> (<c>go1.26.11</c>), or null.</summary>
    public ToolchainRelease? Find(string name) => Releases.FirstOrDefault(r => r.Name == name);

    [DataContract]
    private sealed class ReleaseData
    {
        [DataMember(Name = "version")]
        public string? Version { get; set; }

        [DataMember(Name = "stable")]
        public bool Stable { get; set; }

        [DataMember(Name = "files")]
        public FileData[]? Files { get; set; }
    }

    [DataContract]
    private sealed class FileData
    {
        [DataMember(Name = "filename")]
        public string? FileName { get; set; }

        [DataMember(Name = "os")]
        public string? Os { get; set; }

        [DataMember(Name = "arch")]
        public string? Arch { get; set; }

        [DataMember(Name = "sha256")]
        public string? Sha256 { get; set; }

        [DataMember(Name = "size")]
        public long Size { get; set; }

        [DataMember(Name = "kind")]
        public string? Kind { get; set; }
    }
}

/// <summary>One release of the index.</summary>
public sealed class ToolchainRelease
{
    /// <summary>Creates a release entry.</summary>
    public ToolchainRelease(string name, GoVersion version, bool stable, IReadOnlyList<ToolchainArchive> files)
    {
        Name = name;
        Version = version;
        Stable = stable;
        Files = files;
    }

    /// <summary>The release name: go1.26.11.</summary>
    public string Name { get; }

    /// <summary>The parsed version.</summary>
    public GoVersion Version { get; }

    /// <summary>Whether the index marks it stable (rc and beta releases are not).</summary>
    public bool Stable { get; }

    /// <summary>Its downloadable files.</summary>
    public IReadOnlyList<ToolchainArchive> Files { get; }

    /// <summary>The archive for <paramref name="host"/> (.zip on Windows, else .tar.gz preferred), or null.</summary>
    public ToolchainArchive? ArchiveFor(HostPlatform host) => Files
        .Where(f => f.Kind == "archive" && f.Os == host.GoOS && f.Arch == host.ArchiveArch
            && (f.FileName.EndsWith(".tar.gz", StringComparison.Ordinal) || f.FileName.EndsWith(".zip", StringComparison.Ordinal)))
        .OrderByDescending(f => f.FileName.EndsWith(host.ArchiveExtension, StringComparison.Ordinal))
        .FirstOrDefault();
}

/// <summary>One archive of a release.</summary>
public sealed class ToolchainArchive
{
    /// <summary>Creates an archive entry.</summary>
    public ToolchainArchive(string fileName, string os, string arch, string sha256, long size, string kind)
    {
        FileName = fileName;
        Os = os;
        Arch = arch;
        Sha256 = sha256;
        Size = size;
        Kind = kind;
    }

    /// <summary>The official file name: go1.26.11.linux-amd64.tar.gz.</summary>
    public string FileName { get; }

    /// <summary>GOOS.</summary>
    public string Os { get; }

    /// <summary>Architecture as in the file name (armv6l for 32-bit Arm).</summary>
    public string Arch { get; }

    /// <summary>Lower-case hex SHA-256; empty when the index has none.</summary>
    public string Sha256 { get; }

    /// <summary>Size in bytes; 0 when unknown.</summary>
    public long Size { get; }

    /// <summary>archive, installer or source.</summary>
    public string Kind { get; }
}
