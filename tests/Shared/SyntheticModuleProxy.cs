using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tests;

/// <summary>A module version to serve: its path, version and files (relative path → content).</summary>
public sealed record SyntheticModule(string Path, string Version, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A module whose packages (import paths inside it, "" for the root) each hold one exported function.</summary>
    public static SyntheticModule WithPackages(string path, string version, params string[] packages)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { ["go.mod"] = $"module {path}\n\ngo 1.18\n" };
        foreach (string package in packages)
        {
            string name = package.Length == 0 ? path.Split('/').Last() : package.Split('/').Last();
            string dir = package.Length == 0 ? string.Empty : package + "/";
            files[dir + name + ".go"] = $"// Package {name} stands in for {path}/{package} at {version} (a test module).\npackage {name}\n\n// Name says which package and version answered.\nfunc Name() string {{ return \"{path}/{package}@{version}\" }}\n";
        }

        return new SyntheticModule(path, version, files);
    }
}

/// <summary>
/// A Go module proxy in a folder (GOPROXY=file://…) serving synthetic modules under real module
/// paths and versions (golang.org/x/text v0.3.6, a pseudo-version of golang.org/x/net), so builds
/// link packages whose import paths the vulnerability database names. Laid out as the GOPROXY
/// protocol asks; go.sum lines are computed by the real go against it.
/// </summary>
public sealed class SyntheticModuleProxy
{
    private readonly IReadOnlyList<SyntheticModule> _modules;
    private Dictionary<string, (string Sum, string GoModSum)>? _sums;

    private SyntheticModuleProxy(string directory, IReadOnlyList<SyntheticModule> modules)
    {
        Directory = directory;
        _modules = modules;
    }

    /// <summary>The proxy folder.</summary>
    public string Directory { get; }

    /// <summary>The GOPROXY value.</summary>
    public string Url => new Uri(System.IO.Path.GetFullPath(Directory)).AbsoluteUri;

    /// <summary>Writes the proxy for <paramref name="modules"/> into <paramref name="directory"/>.</summary>
    public static SyntheticModuleProxy Create(string directory, params SyntheticModule[] modules)
    {
        foreach (IGrouping<string, SyntheticModule> byPath in modules.GroupBy(m => m.Path))
        {
            string versions = System.IO.Path.Combine(directory, Escape(byPath.Key).Replace('/', System.IO.Path.DirectorySeparatorChar), "@v");
            System.IO.Directory.CreateDirectory(versions);
            File.WriteAllText(System.IO.Path.Combine(versions, "list"), string.Concat(byPath.Where(m => !m.Version.Contains('-')).Select(m => m.Version + "\n")));
            foreach (SyntheticModule module in byPath)
            {
                File.WriteAllText(System.IO.Path.Combine(versions, module.Version + ".info"), $"{{\"Version\":\"{module.Version}\",\"Time\":\"2019-01-01T00:00:00Z\"}}");
                File.WriteAllText(System.IO.Path.Combine(versions, module.Version + ".mod"), module.Files["go.mod"]);
                using FileStream stream = File.Create(System.IO.Path.Combine(versions, module.Version + ".zip"));
                using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
                foreach (KeyValuePair<string, string> file in module.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    ZipArchiveEntry entry = zip.CreateEntry($"{module.Path}@{module.Version}/{file.Key}");
                    entry.LastWriteTime = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    using Stream content = entry.Open();
                    byte[] bytes = Encoding.UTF8.GetBytes(file.Value);
                    content.Write(bytes, 0, bytes.Length);
                }
            }
        }

        return new SyntheticModuleProxy(directory, modules);
    }

    /// <summary>The go.sum lines of every served module, as go computes them.</summary>
    public string GoSumLines() => string.Concat(_modules.Select(m =>
    {
        (string sum, string goModSum) = Sums()[m.Path + "@" + m.Version];
        return $"{m.Path} {m.Version} {sum}\n{m.Path} {m.Version}/go.mod {goModSum}\n";
    }));

    /// <summary>The go.sum content hash (<c>h1:…</c>) of a served module.</summary>
    public string ContentHash(string path, string version) => Sums()[path + "@" + version].Sum;

    private Dictionary<string, (string Sum, string GoModSum)> Sums()
    {
        if (_sums != null)
        {
            return _sums;
        }

        string work = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gobuild-synthetic-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(work);
        try
        {
            var arguments = new List<string> { "mod", "download", "-json" };
            arguments.AddRange(_modules.Select(m => m.Path + "@" + m.Version));
            string goRoot = RepoPaths.GoRoot("1.26.11");
            ProcessResult result = ProcessResult.Run(System.IO.Path.Combine(goRoot, "bin", "go"), arguments, work, new Dictionary<string, string?>
            {
                ["GOROOT"] = goRoot,
                ["GOTOOLCHAIN"] = "local",
                ["GOENV"] = "off",
                ["GOWORK"] = "off",
                ["GOFLAGS"] = "-mod=mod",
                ["GOPROXY"] = Url,
                ["GOSUMDB"] = "off",
                ["GOMODCACHE"] = System.IO.Path.Combine(work, "mod"),
                ["GOCACHE"] = System.IO.Path.Combine(work, "gocache"),
                ["GOPATH"] = System.IO.Path.Combine(work, "gopath"),
                ["GOPRIVATE"] = null,
                ["GONOSUMDB"] = null,
                ["GONOPROXY"] = null,
                ["GOINSECURE"] = null,
            });
            Assert.AreEqual(0, result.ExitCode, "go mod download from the synthetic proxy failed: " + result.Output);
            var sums = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(result.Output), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                JsonElement root = document.RootElement;
                sums[root.GetProperty("Path").GetString() + "@" + root.GetProperty("Version").GetString()] = (root.GetProperty("Sum").GetString()!, root.GetProperty("GoModSum").GetString()!);
            }

            _sums = sums;
            return sums;
        }
        finally
        {
            FileModuleProxy.DeleteDirectory(work);
        }
    }

    private static string Escape(string path) => string.Concat(path.Select(c => char.IsUpper(c) ? "!" + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>The real Go vulnerability database entries of ../shared/fixtures/vulndb, as files and as a served database.</summary>
public static class VulnDbFixture
{
    /// <summary>The fixture folder (index/db.json, index/modules.json, ID/*.json).</summary>
    public static string Folder
    {
        get
        {
            string folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoPaths.Root, "..", "shared", "fixtures", "vulndb"));
            if (!File.Exists(System.IO.Path.Combine(folder, "index", "modules.json")))
            {
                Assert.Fail($"The vulnerability database fixture is missing at {folder} (../shared/fixtures/vulndb next to the repository).");
            }

            return folder;
        }
    }

    /// <summary>Copies the fixture's files into <paramref name="folder"/> (a folder source a test may change; the fixture is read-only).</summary>
    public static void CopyTo(string folder)
    {
        foreach (string file in System.IO.Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories))
        {
            string target = System.IO.Path.Combine(folder, System.IO.Path.GetRelativePath(Folder, file));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, File.ReadAllBytes(file));
        }
    }

    /// <summary>Adds every fixture file to <paramref name="mirror"/> under its path in the database's layout.</summary>
    public static void Serve(LoopbackMirror mirror)
    {
        foreach (string file in System.IO.Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories))
        {
            mirror.AddFile(System.IO.Path.GetRelativePath(Folder, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }
    }
}
