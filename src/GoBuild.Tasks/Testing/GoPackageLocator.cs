using System;
using System.IO;
using System.Text.RegularExpressions;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Maps an import path of the main module to its folder (module path + relative path), so test
/// output that names files relative to their package can be reported with absolute paths without
/// running <c>go list</c>.
/// </summary>
public sealed class GoPackageLocator
{
    private static readonly Regex s_moduleLine = new(@"^\s*module\s+(?:""(?<q>[^""]+)""|(?<p>\S+))", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly string _modulePath;

    /// <summary>Creates a locator for the module whose root folder is <paramref name="moduleRoot"/> and path <paramref name="modulePath"/>.</summary>
    public GoPackageLocator(string moduleRoot, string modulePath)
    {
        ModuleRoot = moduleRoot;
        _modulePath = modulePath;
    }

    /// <summary>The module's root folder.</summary>
    public string ModuleRoot { get; }

    /// <summary>Reads the module path from <c>go.mod</c> in <paramref name="moduleRoot"/>; null when it has none.</summary>
    public static GoPackageLocator? ForModule(string moduleRoot)
    {
        string goMod = Path.Combine(moduleRoot, "go.mod");
        if (!File.Exists(goMod))
        {
            return null;
        }

        Match match = s_moduleLine.Match(File.ReadAllText(goMod));
        if (!match.Success)
        {
            return null;
        }

        string path = match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["p"].Value;
        return new GoPackageLocator(moduleRoot, path);
    }

    /// <summary>The folder of <paramref name="importPath"/>, or null when it is not in the main module.</summary>
    public string? DirectoryOf(string importPath)
    {
        if (importPath == _modulePath)
        {
            return ModuleRoot;
        }

        if (importPath.StartsWith(_modulePath + "/", StringComparison.Ordinal))
        {
            string relative = importPath.Substring(_modulePath.Length + 1).Replace('/', Path.DirectorySeparatorChar);
            return Path.Combine(ModuleRoot, relative);
        }

        return null;
    }
}
