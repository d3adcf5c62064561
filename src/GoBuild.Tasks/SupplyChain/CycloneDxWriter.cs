using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// Writes the CycloneDX 1.6 JSON SBOM of one output: the output as <c>metadata.component</c>
/// (SHA-256 of the file, build settings as properties), the main module, every module linked into
/// it as a <c>library</c> with its purl and the SHA-256 inside its go.sum <c>h1:</c> hash, the
/// standard library at the toolchain's version, and the dependency graph of what is linked.
/// Deterministic: no timestamp, and the serial number is derived from the rest of the document.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>The property name prefix of build settings (<c>gobuild:build:GOOS</c>).</summary>
    public const string BuildSettingPrefix = "gobuild:build:";

    /// <summary>The SBOM's bytes.</summary>
    public static byte[] Write(BuiltOutput output)
    {
        JsonObject Document(string? serial) => new JsonObject()
            .Add("bomFormat", "CycloneDX")
            .Add("specVersion", "1.6")
            .Add("serialNumber", serial)
            .Add("version", 1)
            .Add("metadata", Metadata(output))
            .Add("components", Components(output))
            .Add("dependencies", Dependencies(output));

        // The serial number must be unique per document and stable per content: a name-based UUID
        // (RFC 4122 version 5) whose name is the SHA-256 of the rest of the document.
        string name = GoBuildInfo.Sha256Hex(CanonicalJson.Serialize(Document(null)));

        return CanonicalJson.Serialize(Document("urn:uuid:" + NameBasedUuid(name)));
    }

    /// <summary>RFC 4122 §4.3 version 5 UUID of <paramref name="name"/> in the URL namespace.</summary>
    public static string NameBasedUuid(string name)
    {
        // 6ba7b811-9dad-11d1-80b4-00c04fd430c8, in network byte order.
        byte[] ns = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
        byte[] hash;
#pragma warning disable CA5350 // RFC 4122 defines version 5 with SHA-1: it names a document, it protects nothing.
        using (var sha1 = SHA1.Create())
#pragma warning restore CA5350
        {
            hash = sha1.ComputeHash(ns.Concat(Encoding.UTF8.GetBytes(name)).ToArray());
        }

        return Uuid(hash, 0x50);
    }

    /// <summary>The bom-ref of the output component.</summary>
    public static string OutputRef(BuiltOutput output) => "file:" + output.FileName;

    private static JsonObject Metadata(BuiltOutput output)
    {
        var properties = output.Info.Settings
            .Select(s => new JsonObject().Add("name", BuildSettingPrefix + s.Key).Add("value", s.Value))
            .ToList();
        var component = new JsonObject()
            .Add("type", output.BuildMode == "c-shared" || output.BuildMode == "c-archive" ? "library" : "application")
            .Add("bom-ref", OutputRef(output))
            .Add("name", output.FileName)
            .Add("hashes", new[] { Hash(output.Sha256) })
            .Add("properties", properties.Count > 0 ? properties : null);
        var tool = new JsonObject()
            .Add("type", "application")
            .Add("name", "GoBuild.Sdk")
            .Add("version", output.SdkVersion.Length > 0 ? output.SdkVersion : null)
            .Add("purl", output.SdkVersion.Length > 0 ? "pkg:nuget/GoBuild.Sdk@" + Uri.EscapeDataString(output.SdkVersion) : "pkg:nuget/GoBuild.Sdk");
        return new JsonObject()
            .Add("tools", new JsonObject().Add("components", new[] { tool }))
            .Add("component", component);
    }

    private static List<JsonObject> Components(BuiltOutput output)
    {
        var components = new List<JsonObject>();
        GoBuildInfoModule? main = output.Info.Main;
        if (main != null)
        {
            components.Add(new JsonObject()
                .Add("type", "application")
                .Add("bom-ref", MainRef(output))
                .Add("name", main.Path)
                .Add("version", main.Version.Length > 0 && main.Version != "(devel)" ? main.Version : null)
                .Add("purl", BuiltOutput.Purl(main.Path, main.Version))
                .Add("properties", new[] { new JsonObject().Add("name", "gobuild:main-package").Add("value", output.Info.MainPackage) }));
        }

        foreach (GoBuildInfoModule module in output.Modules)
        {
            string? digest = output.ModuleDigest(module);
            GoBuildInfoModule? original = output.Info.Dependencies.FirstOrDefault(d => d.Replacement != null && ReferenceEquals(d.Replacement, module));
            components.Add(new JsonObject()
                .Add("type", "library")
                .Add("bom-ref", BuiltOutput.Purl(module.Path, module.Version))
                .Add("name", module.Path)
                .Add("version", module.Version.Length > 0 ? module.Version : null)
                .Add("scope", "required")
                .Add("hashes", digest != null ? new[] { Hash(digest) } : null)
                .Add("purl", BuiltOutput.Purl(module.Path, module.Version))
                .Add("properties", original == null ? null : new[] { new JsonObject().Add("name", "gobuild:replaces").Add("value", original.Path + "@" + original.Version) }));
        }

        components.Add(new JsonObject()
            .Add("type", "library")
            .Add("bom-ref", StdlibRef(output))
            .Add("name", "stdlib")
            .Add("version", output.Info.GoVersion.Split(' ')[0])
            .Add("description", "The Go standard library (and runtime) of the toolchain that built the output")
            .Add("scope", "required")
            .Add("purl", StdlibRef(output)));
        return components;
    }

    private static List<JsonObject> Dependencies(BuiltOutput output)
    {
        IReadOnlyDictionary<string, SortedSet<string>> graph = output.ModuleGraph();
        string mainPath = output.Info.Main?.Path ?? string.Empty;
        var versions = output.Modules.ToDictionary(m => m.Path, m => m.Version, StringComparer.Ordinal);
        string Ref(string node) => node == BuiltOutput.StdlibKey ? StdlibRef(output)
            : node == mainPath ? MainRef(output)
            : BuiltOutput.Purl(node, versions.TryGetValue(node, out string? v) ? v : null);

        var result = new List<JsonObject>
        {
            new JsonObject().Add("ref", OutputRef(output)).Add("dependsOn", new[] { output.Info.Main != null ? MainRef(output) : StdlibRef(output) }),
        };
        foreach (KeyValuePair<string, SortedSet<string>> node in graph.OrderBy(n => Ref(n.Key), StringComparer.Ordinal))
        {
            if (node.Key == mainPath && output.Info.Main == null)
            {
                continue;
            }

            result.Add(new JsonObject()
                .Add("ref", Ref(node.Key))
                .Add("dependsOn", node.Value.Select(Ref).OrderBy(r => r, StringComparer.Ordinal).ToList()));
        }

        return result;
    }

    private static string MainRef(BuiltOutput output) => BuiltOutput.Purl(output.Info.Main!.Path, output.Info.Main.Version);

    private static string StdlibRef(BuiltOutput output) => "pkg:golang/stdlib@v" + output.GoVersionNumber;

    private static JsonObject Hash(string hex) => new JsonObject().Add("alg", "SHA-256").Add("content", hex);

    private static string Uuid(byte[] hash, int version)
    {
        byte[] b = hash.Take(16).ToArray();
        b[6] = (byte)((b[6] & 0x0f) | version);
        b[8] = (byte)((b[8] & 0x3f) | 0x80);
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            if (i == 4 || i == 6 || i == 8 || i == 10)
            {
                sb.Append('-');
            }

            sb.Append(b[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
