using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>A module of a Go binary's build information (<c>mod</c>, <c>dep</c>, <c>=&gt;</c> lines).</summary>
public sealed class GoBuildInfoModule
{
    /// <summary>Creates the module.</summary>
    public GoBuildInfoModule(string path, string version, string sum, GoBuildInfoModule? replacement = null)
    {
        Path = path;
        Version = version;
        Sum = sum;
        Replacement = replacement;
    }

    /// <summary>The module path as go.mod requires it.</summary>
    public string Path { get; }

    /// <summary>Its version (<c>(devel)</c> for the main module).</summary>
    public string Version { get; }

    /// <summary>The go.sum <c>h1:</c> hash; empty when the build had none (main module, vendor mode, a folder replacement).</summary>
    public string Sum { get; }

    /// <summary>The <c>replace</c> target, when go.mod replaces it.</summary>
    public GoBuildInfoModule? Replacement { get; }

    /// <summary>What was compiled in: the replacement when there is one, else the module itself.</summary>
    public GoBuildInfoModule Effective => Replacement ?? this;
}

/// <summary>
/// The build information go writes into every binary it links (what <c>go version -m</c> prints
/// and <c>runtime/debug.ReadBuildInfo</c> returns): the Go version, the main package, the module
/// of every linked package with its version and go.sum hash, and the build settings.
/// </summary>
/// <remarks>
/// Read from the file itself (the blob after the <c>\xff Go buildinf:</c> magic, Go 1.18's inline
/// layout), which costs no process; <see cref="ParseVersionOutput"/> reads <c>go version -m</c>
/// output, the fallback for a file where the blob is not found.
/// </remarks>
public sealed class GoBuildInfo
{
    private static readonly byte[] s_magic = new byte[] { 0xff }.Concat(Encoding.ASCII.GetBytes(" Go buildinf:")).ToArray();

    private GoBuildInfo(string goVersion, string mainPackage, GoBuildInfoModule? main, IReadOnlyList<GoBuildInfoModule> deps, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        GoVersion = goVersion;
        MainPackage = mainPackage;
        Main = main;
        Dependencies = deps;
        Settings = settings;
    }

    /// <summary>The toolchain that built the binary (<c>go1.26.11</c>).</summary>
    public string GoVersion { get; }

    /// <summary>The main package's import path (<c>path</c> line).</summary>
    public string MainPackage { get; }

    /// <summary>The main module (<c>mod</c> line), or null (a build outside a module).</summary>
    public GoBuildInfoModule? Main { get; }

    /// <summary>The modules that provide linked packages (<c>dep</c> lines), in go's order (by path).</summary>
    public IReadOnlyList<GoBuildInfoModule> Dependencies { get; }

    /// <summary>The build settings (<c>build</c> lines: -buildmode, -ldflags, -tags, -trimpath, CGO_ENABLED, GOOS, GOARCH, …), in go's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>The value of build setting <paramref name="key"/>, or empty.</summary>
    public string Setting(string key) => Settings.FirstOrDefault(s => s.Key == key).Value ?? string.Empty;

    /// <summary>
    /// Finds and decodes the build information in a binary's bytes; null when there is none (not a
    /// Go binary, or one from before Go 1.18).
    /// </summary>
    public static GoBuildInfo? FromBinary(byte[] content)
    {
        for (int at = IndexOf(content, s_magic, 0); at >= 0; at = IndexOf(content, s_magic, at + 1))
        {
            const int HeaderSize = 32;
            if (at + HeaderSize > content.Length)
            {
                break;
            }

            // flags bit 2 (flagsVersionInl, Go 1.18+): the two strings follow the header, varint-length-prefixed.
            byte flags = content[at + 15];
            if ((flags & 0x2) == 0)
            {
                continue;
            }

            int position = at + HeaderSize;
            string? version = ReadString(content, ref position);
            string? modinfo = version == null ? null : ReadString(content, ref position);
            if (modinfo == null)
            {
                continue;
            }

            // The module text is framed by two 16-byte sentinels (cmd/go's infoStart and infoEnd).
            if (modinfo.Length >= 33 && modinfo[modinfo.Length - 17] == '\n')
            {
                modinfo = modinfo.Substring(16, modinfo.Length - 32);
            }

            return Parse(version!, modinfo.Split('\n'));
        }

        return null;
    }

    /// <summary>
    /// The build information of an output whose file carries none (GOOS=js/wasip1: the wasm linker
    /// writes no buildinfo blob), put together from what the build recorded: the packages linked
    /// from <paramref name="mainPackage"/> and their modules, the toolchain version and the target.
    /// </summary>
    public static GoBuildInfo FromRecord(string goVersion, string mainPackage, IReadOnlyList<GoLinkedPackage> linked, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        GoLinkedPackage? main = linked.FirstOrDefault(p => p.ImportPath == mainPackage);
        GoBuildInfoModule? mainModule = main == null || main.Module.Length == 0 ? null : new GoBuildInfoModule(main.Module, "(devel)", string.Empty);
        var deps = linked
            .Where(p => p.Module != GoLinkedPackages.StandardLibrary && p.Module.Length > 0 && p.Module != mainModule?.Path)
            .GroupBy(p => p.Module, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                GoLinkedPackage p = g.First();
                GoBuildInfoModule? replacement = null;
                if (p.Replacement.Length > 0)
                {
                    int at = p.Replacement.IndexOf('@');
                    replacement = new GoBuildInfoModule(at >= 0 ? p.Replacement.Substring(0, at) : p.Replacement, at >= 0 ? p.Replacement.Substring(at + 1) : string.Empty, string.Empty);
                }

                return new GoBuildInfoModule(p.Module, p.ModuleVersion, string.Empty, replacement);
            })
            .ToList();
        return new GoBuildInfo(goVersion, mainPackage, mainModule, deps, settings);
    }

    /// <summary>Reads <c>go version -m &lt;file&gt;</c> output: <c>file: go1.x</c>, then the tab-indented lines.</summary>
    public static GoBuildInfo ParseVersionOutput(IEnumerable<string> lines)
    {
        string goVersion = string.Empty;
        var body = new List<string>();
        foreach (string raw in lines)
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("\t", StringComparison.Ordinal))
            {
                body.Add(line.Substring(1));
            }
            else if (line.Length > 0)
            {
                int colon = line.LastIndexOf(": ", StringComparison.Ordinal);
                goVersion = colon >= 0 ? line.Substring(colon + 2).Trim() : goVersion;
            }
        }

        return Parse(goVersion, body);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Sha256Hex(byte[] content)
    {
        using var sha = SHA256.Create();
        return ToHex(sha.ComputeHash(content));
    }

    /// <summary>
    /// The SHA-256 inside a go.sum <c>h1:</c> hash (base64 of the SHA-256 of the module's file
    /// list), as lower-case hex; null when <paramref name="sum"/> is not an h1 hash.
    /// </summary>
    public static string? H1ToHex(string sum)
    {
        if (!sum.StartsWith("h1:", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            byte[] bytes = Convert.FromBase64String(sum.Substring(3));
            return bytes.Length == 32 ? ToHex(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string ToHex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes)
        {
            sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static GoBuildInfo Parse(string goVersion, IEnumerable<string> lines)
    {
        string mainPackage = string.Empty;
        GoBuildInfoModule? main = null;
        var deps = new List<GoBuildInfoModule>();
        var settings = new List<KeyValuePair<string, string>>();
        string version = goVersion.Trim();
        foreach (string raw in lines)
        {
            string line = raw.TrimEnd('\r');
            string[] f = line.Split('\t');
            switch (f[0])
            {
                case "go" when f.Length > 1:
                    version = version.Length == 0 ? f[1].Trim() : version;
                    break;
                case "path" when f.Length > 1:
                    mainPackage = f[1];
                    break;
                case "mod" when f.Length > 2:
                    main = Module(f);
                    break;
                case "dep" when f.Length > 2:
                    deps.Add(Module(f));
                    break;
                case "=>" when f.Length > 1:
                    // A replacement belongs to the module line before it.
                    GoBuildInfoModule replacement = Module(f);
                    if (deps.Count > 0)
                    {
                        GoBuildInfoModule last = deps[deps.Count - 1];
                        deps[deps.Count - 1] = new GoBuildInfoModule(last.Path, last.Version, last.Sum, replacement);
                    }
                    else if (main != null)
                    {
                        main = new GoBuildInfoModule(main.Path, main.Version, main.Sum, replacement);
                    }

                    break;
                case "build" when f.Length > 1:
                    KeyValuePair<string, string>? setting = ParseSetting(line.Substring("build\t".Length));
                    if (setting != null)
                    {
                        settings.Add(setting.Value);
                    }

                    break;
            }
        }

        return new GoBuildInfo(version, mainPackage, main, deps, settings);
    }

    private static GoBuildInfoModule Module(string[] f) =>
        new(f[1], f.Length > 2 ? f[2] : string.Empty, f.Length > 3 ? f[3] : string.Empty);

    // key=value, either side in Go's strconv.Quote form when it holds spaces, tabs, quotes or '='.
    private static KeyValuePair<string, string>? ParseSetting(string text)
    {
        int position = 0;
        string? key = text.StartsWith("\"", StringComparison.Ordinal) ? GoUnquote(text, ref position) : null;
        if (key == null)
        {
            int eq = text.IndexOf('=');
            if (eq < 0)
            {
                return null;
            }

            key = text.Substring(0, eq);
            position = eq;
        }

        if (position >= text.Length || text[position] != '=')
        {
            return null;
        }

        position++;
        string rest = text.Substring(position);
        if (rest.StartsWith("\"", StringComparison.Ordinal))
        {
            int p = 0;
            rest = GoUnquote(rest, ref p) ?? rest;
        }

        return new KeyValuePair<string, string>(key, rest);
    }

    // strconv.Unquote of a double-quoted Go string starting at position; advances past it.
    private static string? GoUnquote(string text, ref int position)
    {
        if (position >= text.Length || text[position] != '"')
        {
            return null;
        }

        var bytes = new List<byte>();
        int i = position + 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                position = i + 1;
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                return null;
            }

            char e = text[i + 1];
            i += 2;
            switch (e)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'x' when i + 2 <= text.Length:
                    bytes.Add(byte.Parse(text.Substring(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' when i + 4 <= text.Length:
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(int.Parse(text.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
                    i += 4;
                    break;
                case 'U' when i + 8 <= text.Length:
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(int.Parse(text.Substring(i, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
                    i += 8;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    // A uvarint length, then that many bytes of UTF-8.
    private static string? ReadString(byte[] content, ref int position)
    {
        ulong length = 0;
        int shift = 0;
        while (true)
        {
            if (position >= content.Length || shift > 35)
            {
                return null;
            }

            byte b = content[position++];
            length |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        if (length > (ulong)(content.Length - position))
        {
            return null;
        }

        string text = Encoding.UTF8.GetString(content, position, (int)length);
        position += (int)length;
        return text;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        int last = haystack.Length - needle.Length;
        for (int i = Array.IndexOf(haystack, needle[0], start); i >= 0 && i <= last; i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            int j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
