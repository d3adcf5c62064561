using System.IO;
using System.Runtime.InteropServices;

namespace GoBuild.Tasks.Toolchain;

/// <summary>A Go installation: its GOROOT, the go executable in it, and its version.</summary>
public sealed class GoToolchain
{
    private GoToolchain(string root, string executable, string version)
    {
        Root = root;
        Executable = executable;
        Version = version;
    }

    /// <summary>The GOROOT.</summary>
    public string Root { get; }

    /// <summary>Absolute path of bin/go (bin/go.exe on Windows).</summary>
    public string Executable { get; }

    /// <summary>The version as go reports it (<c>go1.26.11</c>), from the VERSION file.</summary>
    public string Version { get; }

    /// <summary>The path of go inside <paramref name="root"/> on this OS.</summary>
    public static string ExecutablePath(string root) =>
        Path.Combine(root, "bin", RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "go.exe" : "go");

    /// <summary>Opens the toolchain at <paramref name="root"/>, failing with GOB1001 if it is not one.</summary>
    public static GoToolchain Open(string root)
    {
        string full = Path.GetFullPath(root);
        string executable = ExecutablePath(full);
        string versionFile = Path.Combine(full, "VERSION");
        if (!File.Exists(executable) || !File.Exists(versionFile))
        {
            throw new GoBuildException("ToolchainRootInvalid", full);
        }

        // The first line of VERSION is what `go env GOVERSION` prints; reading it costs no process.
        string version;
        using (var reader = new StreamReader(versionFile))
        {
            version = (reader.ReadLine() ?? string.Empty).Trim();
        }

        return new GoToolchain(full, executable, version);
    }
}
