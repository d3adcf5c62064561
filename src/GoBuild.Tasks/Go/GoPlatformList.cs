using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Text;
#if NET
using System.Text.Json;
#else
using System.Runtime.Serialization.Json;
#endif

namespace GoBuild.Tasks.Go;

/// <summary>One GOOS/GOARCH pair a toolchain can build for, as <c>go tool dist list -json</c> prints it.</summary>
public sealed class GoPlatform
{
    /// <summary>Creates a platform entry.</summary>
    public GoPlatform(string goOS, string goArch, bool cgoSupported, bool firstClass)
    {
        GoOS = goOS;
        GoArch = goArch;
        CgoSupported = cgoSupported;
        FirstClass = firstClass;
    }

    /// <summary>GOOS.</summary>
    public string GoOS { get; }

    /// <summary>GOARCH.</summary>
    public string GoArch { get; }

    /// <summary>Whether cgo can be used for this platform.</summary>
    public bool CgoSupported { get; }

    /// <summary>Whether the Go project treats the port as first class.</summary>
    public bool FirstClass { get; }

    /// <summary><c>goos/goarch</c>.</summary>
    public string Pair => GoOS + "/" + GoArch;
}

/// <summary>
/// The platforms one Go toolchain supports, read from its own <c>go tool dist list -json</c> once
/// per toolchain version and kept in the per-user cache, so later builds start no process for it.
/// </summary>
public sealed class GoPlatformList
{
    // One MSBuild node builds many projects with the same toolchain: parse the cache file once.
    private static readonly ConcurrentDictionary<string, GoPlatformList> s_loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, GoPlatform> _byPair;

    private GoPlatformList(IEnumerable<GoPlatform> platforms)
    {
        _byPair = new Dictionary<string, GoPlatform>(StringComparer.Ordinal);
        foreach (GoPlatform platform in platforms)
        {
            _byPair[platform.Pair] = platform;
        }

        Platforms = _byPair.Values.OrderBy(p => p.Pair, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every supported platform, sorted by pair.</summary>
    public IReadOnlyList<GoPlatform> Platforms { get; }

    /// <summary>The platform <paramref name="goOS"/>/<paramref name="goArch"/>, or null when the toolchain lacks it.</summary>
    public GoPlatform? Find(string goOS, string goArch) =>
        _byPair.TryGetValue(goOS + "/" + goArch, out GoPlatform? platform) ? platform : null;

    /// <summary>Parses the output of <c>go tool dist list -json</c>.</summary>
    /// <exception cref="FormatException">The text is not a JSON array of platform objects.</exception>
    /// <remarks>
    /// Read with the JSON reader in-box for each task framework (as ToolchainIndex does):
    /// JsonDocument on net8.0, DataContractJsonSerializer on netstandard2.0.
    /// </remarks>
    public static GoPlatformList Parse(string json)
    {
        // DataContractJsonSerializer reads an object as an empty array; the list must be an array.
        if (!json.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("[", StringComparison.Ordinal))
        {
            throw new FormatException("expected a JSON array");
        }

        PlatformData[]? entries;
        try
        {
            entries = Deserialize(json);
        }
        catch (Exception ex) when (ex is SerializationException || IsJsonException(ex))
        {
            throw new FormatException(ex.Message, ex);
        }

        var platforms = new List<GoPlatform>();
        foreach (PlatformData? entry in entries ?? Array.Empty<PlatformData>())
        {
            if (entry == null || string.IsNullOrEmpty(entry.GoOS) || string.IsNullOrEmpty(entry.GoArch))
            {
                throw new FormatException("an entry lacks GOOS or GOARCH");
            }

            platforms.Add(new GoPlatform(entry.GoOS!, entry.GoArch!, entry.CgoSupported, entry.FirstClass));
        }

        if (platforms.Count == 0)
        {
            throw new FormatException("the list is empty");
        }

        return new GoPlatformList(platforms);
    }

    /// <summary>
    /// The list for toolchain <paramref name="version"/>: from memory, else from
    /// <paramref name="cacheDirectory"/>, else by calling <paramref name="runDistList"/> (which
    /// returns the JSON text) and storing its result there.
    /// </summary>
    public static GoPlatformList Load(string version, string cacheDirectory, Func<string> runDistList)
    {
        string cacheFile = CacheFile(cacheDirectory, version);
        return s_loaded.GetOrAdd(cacheFile, file =>
        {
            if (File.Exists(file))
            {
                try
                {
                    return Parse(File.ReadAllText(file));
                }
                catch (FormatException)
                {
                    // A damaged cache entry is replaced below.
                }
                catch (IOException)
                {
                }
            }

            string json = runDistList();
            GoPlatformList list = Parse(json);
            Store(file, json);
            return list;
        });
    }

    /// <summary>Where the list of toolchain <paramref name="version"/> is cached.</summary>
    public static string CacheFile(string cacheDirectory, string version)
    {
        var name = new StringBuilder(version.Length);
        foreach (char c in version.Trim())
        {
            name.Append(char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }

        return Path.Combine(cacheDirectory, (name.Length == 0 ? "unknown" : name.ToString()) + ".json");
    }

#if NET
    private static bool IsJsonException(Exception ex) => ex is JsonException || ex is InvalidOperationException;

    private static PlatformData[] Deserialize(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected a JSON array");
        }

        return document.RootElement.EnumerateArray().Select(entry => entry.ValueKind != JsonValueKind.Object ? null! : new PlatformData
        {
            GoOS = String(entry, "GOOS"),
            GoArch = String(entry, "GOARCH"),
            CgoSupported = entry.TryGetProperty("CgoSupported", out JsonElement cgo) && cgo.ValueKind == JsonValueKind.True,
            FirstClass = entry.TryGetProperty("FirstClass", out JsonElement first) && first.ValueKind == JsonValueKind.True,
        }).ToArray();
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
#else
    private static bool IsJsonException(Exception ex) => ex is System.Xml.XmlException || ex is InvalidCastException;

    // In-box for netstandard2.0: no System.Text.Json (and its dependencies) next to the tasks in
    // .NET Framework MSBuild, where they would clash with MSBuild's own copies.
    private static PlatformData[]? Deserialize(string json)
    {
        var serializer = new DataContractJsonSerializer(typeof(PlatformData[]));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false);
        return (PlatformData[]?)serializer.ReadObject(stream);
    }
#endif

    [DataContract]
    private sealed class PlatformData
    {
        [DataMember(Name = "GOOS")]
        public string? GoOS { get; set; }

        [DataMember(Name = "GOARCH")]
        public string? GoArch { get; set; }

        [DataMember(Name = "CgoSupported")]
        public bool CgoSupported { get; set; }

        [DataMember(Name = "FirstClass")]
        public bool FirstClass { get; set; }
    }

    // Written to a temporary name and moved into place, so parallel builds never read half a file.
    private static void Store(string file, string json)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            string temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, json);
            try
            {
                if (File.Exists(file))
                {
                    // A damaged entry: replaced in one step, as a rename.
                    File.Replace(temp, file, null);
                }
                else
                {
                    File.Move(temp, file);
                }
            }
            catch (IOException)
            {
                // Another build stored the same list first.
                File.Delete(temp);
            }
        }
        catch (IOException)
        {
            // A read-only cache only costs one go process per build.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
