using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

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
    public static GoPlatformList Parse(string json)
    {
        var platforms = new List<GoPlatform>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("expected a JSON array");
            }

            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                string goOS = entry.TryGetProperty("GOOS", out JsonElement os) && os.ValueKind == JsonValueKind.String ? os.GetString()! : string.Empty;
                string goArch = entry.TryGetProperty("GOARCH", out JsonElement arch) && arch.ValueKind == JsonValueKind.String ? arch.GetString()! : string.Empty;
                if (goOS.Length == 0 || goArch.Length == 0)
                {
                    throw new FormatException("an entry lacks GOOS or GOARCH");
                }

                platforms.Add(new GoPlatform(goOS, goArch, IsTrue(entry, "CgoSupported"), IsTrue(entry, "FirstClass")));
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
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

    private static bool IsTrue(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

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
