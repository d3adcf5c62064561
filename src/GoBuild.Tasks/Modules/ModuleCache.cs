using System.IO;

namespace GoBuild.Tasks.Modules;

/// <summary>Where go keeps a module version in its module cache (GOMODCACHE).</summary>
public sealed class ModuleCache
{
    /// <summary>Creates the view of the cache at <paramref name="root"/>.</summary>
    public ModuleCache(string root) => Root = Path.GetFullPath(root);

    /// <summary>GOMODCACHE.</summary>
    public string Root { get; }

    /// <summary>The downloaded go.mod file (<c>cache/download/…/@v/v1.2.3.mod</c>).</summary>
    public string GoModFile(ModuleVersion module) => DownloadFile(module, ".mod");

    /// <summary>The file holding the h1: hash of the downloaded zip, written by go at download.</summary>
    public string ZipHashFile(ModuleVersion module) => DownloadFile(module, ".ziphash");

    /// <summary>The downloaded module zip.</summary>
    public string ZipFile(ModuleVersion module) => DownloadFile(module, ".zip");

    /// <summary>The version's .info file, which <c>go mod download</c> writes and reads.</summary>
    public string InfoFile(ModuleVersion module) => DownloadFile(module, ".info");

    /// <summary>The extracted module folder (<c>path@version</c>), which builds read.</summary>
    public string ExtractedDirectory(ModuleVersion module) =>
        Path.Combine(Root, ModuleVersion.Escape(module.Path).Replace('/', Path.DirectorySeparatorChar) + "@" + ModuleVersion.Escape(module.Version));

    private string DownloadFile(ModuleVersion module, string extension) =>
        Path.Combine(Root, "cache", "download", ModuleVersion.Escape(module.Path).Replace('/', Path.DirectorySeparatorChar), "@v", ModuleVersion.Escape(module.Version) + extension);
}
