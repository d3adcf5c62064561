using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>The toolchain archive a build used, from its cache marker (absent for a GoToolchainRoot).</summary>
public sealed class BuiltToolchain
{
    /// <summary>Creates the description.</summary>
    public BuiltToolchain(string fileName, string sha256)
    {
        FileName = fileName;
        Sha256 = sha256;
    }

    /// <summary>The archive's official file name (<c>go1.26.11.linux-amd64.tar.gz</c>).</summary>
    public string FileName { get; }

    /// <summary>Its verified SHA-256, lower-case hex.</summary>
    public string Sha256 { get; }
}

/// <summary>
/// Everything the SBOM and the provenance say about one output: its file, what go wrote into it
/// (build information), the packages it links, and how the SDK built it.
/// </summary>
public sealed class BuiltOutput
{
    /// <summary>Creates the description.</summary>
    public BuiltOutput(string fileName, string sha256, string buildMode, GoBuildInfo info, IReadOnlyList<GoLinkedPackage>? linked, string sdkVersion, BuiltToolchain? toolchain, Func<string, string, string?> goSumHash)
    {
        FileName = fileName;
        Sha256 = sha256;
        BuildMode = buildMode;
        Info = info;
        Linked = linked;
        SdkVersion = sdkVersion;
        Toolchain = toolchain;
        GoSumHash = goSumHash;
    }

    /// <summary>The output's file name (no folder: the documents must not depend on where the build ran).</summary>
    public string FileName { get; }

    /// <summary>SHA-256 of the output, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>exe, pie, c-shared, c-archive.</summary>
    public string BuildMode { get; }

    /// <summary>The build information go wrote into the output.</summary>
    public GoBuildInfo Info { get; }

    /// <summary>The packages linked into it; null when not recorded.</summary>
    public IReadOnlyList<GoLinkedPackage>? Linked { get; }

    /// <summary>The GoBuild.Sdk package version.</summary>
    public string SdkVersion { get; }

    /// <summary>The verified toolchain archive, when the SDK installed the toolchain.</summary>
    public BuiltToolchain? Toolchain { get; }

    /// <summary>go.sum's h1 hash of (module, version), for builds whose build information has none (vendor mode).</summary>
    public Func<string, string, string?> GoSumHash { get; }

    /// <summary>The modules compiled in (replacements resolved), by path.</summary>
    public IReadOnlyList<GoBuildInfoModule> Modules => Info.Dependencies
        .Select(d => d.Effective)
        .GroupBy(m => m.Path, StringComparer.Ordinal)
        .Select(g => g.First())
        .OrderBy(m => m.Path, StringComparer.Ordinal)
        .ToList();

    /// <summary>The go.sum h1 hash of <paramref name="module"/> as lower-case hex SHA-256, or null.</summary>
    public string? ModuleDigest(GoBuildInfoModule module)
    {
        string sum = module.Sum.Length > 0 ? module.Sum : GoSumHash(module.Path, module.Version) ?? string.Empty;
        return GoBuildInfo.H1ToHex(sum);
    }

    /// <summary>The Go version without its <c>go</c> prefix and experiment suffix (<c>1.26.11</c>).</summary>
    public string GoVersionNumber
    {
        get
        {
            string v = Info.GoVersion.Split(' ')[0];
            return v.StartsWith("go", StringComparison.Ordinal) ? v.Substring(2) : v;
        }
    }

    /// <summary>The package URL of a module version (<c>pkg:golang/golang.org/x/text@v0.3.6</c>).</summary>
    public static string Purl(string path, string? version)
    {
        string purl = "pkg:golang/" + string.Join("/", path.Split('/').Select(Uri.EscapeDataString));
        return string.IsNullOrEmpty(version) || version == "(devel)" ? purl : purl + "@" + Uri.EscapeDataString(version!);
    }

    /// <summary>
    /// The module dependency graph restricted to what is linked: module A depends on B when a
    /// linked package of A imports a linked package of B; <see cref="StdlibKey"/> stands for the
    /// standard library. Without a package record, the main module depends on every module.
    /// </summary>
    public IReadOnlyDictionary<string, SortedSet<string>> ModuleGraph()
    {
        string main = Info.Main?.Path ?? string.Empty;
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var effective = Info.Dependencies.ToDictionary(d => d.Path, d => d.Effective.Path, StringComparer.Ordinal);
        string Node(string module) => module == GoLinkedPackages.StandardLibrary ? StdlibKey : effective.TryGetValue(module, out string? e) ? e : module;
        SortedSet<string> Edges(string node)
        {
            if (!graph.TryGetValue(node, out SortedSet<string>? set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                graph[node] = set;
            }

            return set;
        }

        Edges(main);
        foreach (GoBuildInfoModule module in Modules)
        {
            Edges(module.Path);
        }

        Edges(StdlibKey);
        if (Linked == null)
        {
            foreach (GoBuildInfoModule module in Modules)
            {
                Edges(main).Add(module.Path);
            }

            Edges(main).Add(StdlibKey);
            return graph;
        }

        var byPath = Linked.ToDictionary(p => p.ImportPath, StringComparer.Ordinal);
        foreach (GoLinkedPackage package in Linked)
        {
            string from = Node(package.Module);
            foreach (string import in package.Imports)
            {
                if (byPath.TryGetValue(import, out GoLinkedPackage? target))
                {
                    string to = Node(target.Module);
                    if (!string.Equals(from, to, StringComparison.Ordinal) && graph.ContainsKey(to) && graph.ContainsKey(from))
                    {
                        Edges(from).Add(to);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>The graph's name for the standard library.</summary>
    public const string StdlibKey = "stdlib";
}
