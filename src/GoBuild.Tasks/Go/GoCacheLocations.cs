using System;
using System.IO;

namespace GoBuild.Tasks.Go;

/// <summary>
/// The per-user folders that every GoBuild.Sdk build shares: Go's build and module caches live
/// here, never under obj/, so a second project (or a clean clone) does not start cold.
/// </summary>
public sealed class GoCacheLocations
{
    /// <summary>Creates the locations under <paramref name="root"/>.</summary>
    public GoCacheLocations(string root, string? buildCache = null, string? moduleCache = null)
    {
        Root = root;
        BuildCache = string.IsNullOrEmpty(buildCache) ? Path.Combine(root, "go-build") : buildCache!;
        ModuleCache = string.IsNullOrEmpty(moduleCache) ? Path.Combine(root, "mod") : moduleCache!;
        GoPath = Path.Combine(root, "gopath");
    }

    /// <summary>The per-user GoBuild folder.</summary>
    public string Root { get; }

    /// <summary>Go's build cache (GOCACHE).</summary>
    public string BuildCache { get; }

    /// <summary>Go's module cache (GOMODCACHE).</summary>
    public string ModuleCache { get; }

    /// <summary>A GOPATH of our own, so `go` never writes into the developer's.</summary>
    public string GoPath { get; }

    /// <summary>
    /// The per-user root: <c>%LOCALAPPDATA%\GoBuild</c> on Windows, else
    /// <c>$XDG_CACHE_HOME/gobuild</c> or <c>~/.cache/gobuild</c>.
    /// </summary>
    public static string DefaultRoot(Func<string, string?> environment, bool isWindows)
    {
        if (isWindows)
        {
            string? local = environment("LOCALAPPDATA");
            if (!string.IsNullOrEmpty(local))
            {
                return Path.Combine(local!, "GoBuild");
            }
        }
        else
        {
            string? xdg = environment("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            {
                return Path.Combine(xdg!, "gobuild");
            }
        }

        string? home = environment(isWindows ? "USERPROFILE" : "HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return isWindows ? Path.Combine(home!, "AppData", "Local", "GoBuild") : Path.Combine(home!, ".cache", "gobuild");
    }
}
