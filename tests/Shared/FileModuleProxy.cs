using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tests;

/// <summary>
/// A Go module proxy in a folder, for <c>GOPROXY=file://…</c>: the std-only module
/// <c>example.test/greet</c> in <see cref="V1"/> and <see cref="V2"/>, laid out as the GOPROXY
/// protocol asks (<c>@v/list</c>, <c>.info</c>, <c>.mod</c>, <c>.zip</c> with entries under
/// <c>path@version/</c>). Its go.sum lines are computed once per run by the real go against it.
/// </summary>
public sealed class FileModuleProxy
{
    /// <summary>The module the proxy serves.</summary>
    public const string ModulePath = "example.test/greet";

    /// <summary>The first version.</summary>
    public const string V1 = "v1.0.0";

    /// <summary>The second version.</summary>
    public const string V2 = "v1.1.0";

    /// <summary>The module's go.mod, the same in both versions.</summary>
    public const string GoMod = "module example.test/greet\n\ngo 1.22\n";

    private static readonly object s_gate = new();
    private static Dictionary<string, (string Sum, string GoModSum)>? s_sums;

    private FileModuleProxy(string directory) => Directory = directory;

    /// <summary>The proxy folder.</summary>
    public string Directory { get; }

    /// <summary>The GOPROXY value: a file:// URL of the folder.</summary>
    public string Url => new Uri(Path.GetFullPath(Directory)).AbsoluteUri;

    /// <summary>What Hello returns in <paramref name="version"/>.</summary>
    public static string Greeting(string version) => "hello from greet " + version;

    /// <summary>The module's one Go file in <paramref name="version"/>.</summary>
    public static string Source(string version) =>
        $"package greet\n\n// Hello says which version of the module answered.\nfunc Hello() string {{ return \"{Greeting(version)}\" }}\n";

    /// <summary>Writes the proxy into <paramref name="directory"/>.</summary>
    public static FileModuleProxy Create(string directory)
    {
        string versions = Path.Combine(directory, ModulePath.Replace('/', Path.DirectorySeparatorChar), "@v");
        System.IO.Directory.CreateDirectory(versions);
        File.WriteAllText(Path.Combine(versions, "list"), V1 + "\n" + V2 + "\n");
        foreach (string version in new[] { V1, V2 })
        {
            File.WriteAllText(Path.Combine(versions, version + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}");
            File.WriteAllText(Path.Combine(versions, version + ".mod"), GoMod);
            using FileStream stream = File.Create(Path.Combine(versions, version + ".zip"));
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            AddEntry(zip, $"{ModulePath}@{version}/go.mod", GoMod);
            AddEntry(zip, $"{ModulePath}@{version}/greet.go", Source(version));
        }

        return new FileModuleProxy(directory);
    }

    /// <summary>The two go.sum lines of <paramref name="version"/> (content, then go.mod), as go computes them.</summary>
    public string GoSumLines(string version)
    {
        (string sum, string goModSum) = Sums()[version];
        return $"{ModulePath} {version} {sum}\n{ModulePath} {version}/go.mod {goModSum}\n";
    }

    /// <summary>The content hash (<c>h1:…</c>) of <paramref name="version"/>.</summary>
    public string ContentHash(string version) => Sums()[version].Sum;

    /// <summary>The go.mod hash (<c>h1:…</c>) of <paramref name="version"/>.</summary>
    public string GoModHash(string version) => Sums()[version].GoModSum;

    /// <summary>
    /// Fills the module cache <paramref name="moduleCache"/> with the versions as a restore would
    /// (go mod download), and returns go's JSON description of each version keyed by version.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Download(string moduleCache, params string[] versions)
    {
        string work = Path.Combine(Path.GetTempPath(), "gobuild-proxy-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(work);
        try
        {
            var arguments = new List<string> { "mod", "download", "-json" };
            arguments.AddRange((versions.Length == 0 ? new[] { V1, V2 } : versions).Select(v => ModulePath + "@" + v));
            ProcessResult result = ProcessResult.Run(Path.Combine(RepoPaths.GoRoot("1.26.11"), "bin", "go"), arguments, work, GoEnvironment(moduleCache, work));
            Assert.AreEqual(0, result.ExitCode, "go mod download from the file proxy failed: " + result.Output);
            var byVersion = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(result.Output), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                JsonElement root = document.RootElement.Clone();
                byVersion[root.GetProperty("Version").GetString()!] = root;
            }

            return byVersion;
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    private Dictionary<string, (string Sum, string GoModSum)> Sums()
    {
        lock (s_gate)
        {
            if (s_sums == null)
            {
                string cache = Path.Combine(Path.GetTempPath(), "gobuild-proxy-sums-" + Guid.NewGuid().ToString("N"));
                try
                {
                    s_sums = Download(cache).ToDictionary(
                        p => p.Key,
                        p => (p.Value.GetProperty("Sum").GetString()!, p.Value.GetProperty("GoModSum").GetString()!));
                }
                finally
                {
                    DeleteDirectory(cache);
                }
            }

            return s_sums;
        }
    }

    /// <summary>Deletes a folder, also a module cache, whose folders go makes read-only.</summary>
    public static void DeleteDirectory(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return;
        }

        foreach (string dir in System.IO.Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Prepend(directory))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        foreach (string file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        System.IO.Directory.Delete(directory, recursive: true);
    }

    // The helper's own go: the proxy has no checksum database, and this is setup, not the SDK under test.
    private Dictionary<string, string?> GoEnvironment(string moduleCache, string work) => new()
    {
        ["GOROOT"] = RepoPaths.GoRoot("1.26.11"),
        ["GOTOOLCHAIN"] = "local",
        ["GOENV"] = "off",
        ["GOWORK"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOPROXY"] = Url,
        ["GOSUMDB"] = "off",
        ["GOMODCACHE"] = moduleCache,
        ["GOCACHE"] = Path.Combine(work, "gocache"),
        ["GOPATH"] = Path.Combine(work, "gopath"),
        ["GOPRIVATE"] = null,
        ["GONOSUMDB"] = null,
        ["GONOPROXY"] = null,
        ["GOINSECURE"] = null,
    };

    private static void AddEntry(ZipArchive zip, string name, string content)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name);
        entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using Stream stream = entry.Open();
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes, 0, bytes.Length);
    }
}
