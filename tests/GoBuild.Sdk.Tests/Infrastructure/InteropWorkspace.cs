using System;
using System.IO;
using System.Linq;
using System.Security;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// Workspaces with plain .NET projects next to Go ones: a copy of a sample, and NuGet sources for
/// packages a test makes or for the test packages C# test projects need.
/// </summary>
public static class InteropWorkspace
{
    /// <summary>Copies samples/<paramref name="sample"/> (without build output) into the workspace root.</summary>
    public static void CopySample(TestProject ws, string sample)
    {
        string source = Path.Combine(RepoPaths.Root, "samples", sample);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "TestResults"))
            {
                continue;
            }

            string target = ws.PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>
    /// Rewrites the workspace's NuGet.config with the SDK feed plus <paramref name="extraSources"/>;
    /// <paramref name="withTestPackages"/> adds the package folder this test run restored from, which
    /// holds MSTest and Microsoft.NET.Test.Sdk, so C# test projects restore without the network.
    /// </summary>
    public static void WriteNuGetConfig(TestProject ws, bool withTestPackages, params string[] extraSources)
    {
        var sources = new System.Collections.Generic.List<string> { E2E.Feed };
        sources.AddRange(extraSources);
        if (withTestPackages)
        {
            sources.Add(Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
                ? packages
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        }

        string adds = string.Concat(sources.Select((s, i) => $"    <add key=\"source{i}\" value=\"{SecurityElement.Escape(s)}\" />\n"));
        // GoBuild.Sdk comes from the feed of this run only: a package folder may hold an older
        // GoBuild.Sdk of the same version (from another build of the tree), and NuGet would take
        // whichever source answers first.
        string mappings = "    <packageSource key=\"source0\">\n      <package pattern=\"GoBuild.Sdk\" />\n      <package pattern=\"*\" />\n    </packageSource>\n" +
            string.Concat(sources.Skip(1).Select((_, i) => $"    <packageSource key=\"source{i + 1}\">\n      <package pattern=\"*\" />\n    </packageSource>\n"));
        ws.WriteFile("NuGet.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" + adds + "  </packageSources>\n  <packageSourceMapping>\n" + mappings + "  </packageSourceMapping>\n</configuration>\n");
    }

    /// <summary>The ELF machine of a Linux binary: 62 for x86-64, 183 for arm64.</summary>
    public static int ElfMachine(string path)
    {
        byte[] header = new byte[20];
        using (FileStream stream = File.OpenRead(path))
        {
            stream.ReadExactly(header);
        }

        if (header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            throw new InvalidDataException(path + " is not an ELF file");
        }

        return header[18] | (header[19] << 8);
    }

    /// <summary>Whether a file has its execute permission for everyone (owner, group, others).</summary>
    public static bool IsExecutableByAll(string path) =>
        OperatingSystem.IsWindows() ||
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) ==
        (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
}
