using System;
using System.Runtime.InteropServices;

namespace GoBuild.Tasks.Toolchain;

/// <summary>The platform a toolchain runs on, named as the Go download site names its archives.</summary>
public sealed class HostPlatform
{
    /// <summary>Creates the platform <paramref name="goos"/>/<paramref name="goarch"/>.</summary>
    public HostPlatform(string goos, string goarch)
    {
        GoOS = goos;
        GoArch = goarch;
    }

    /// <summary>The platform this process runs on.</summary>
    public static HostPlatform Current { get; } = new(CurrentGoOS(), CurrentGoArch());

    /// <summary>GOOS: linux, windows, darwin, freebsd.</summary>
    public string GoOS { get; }

    /// <summary>GOARCH: amd64, arm64, 386, arm.</summary>
    public string GoArch { get; }

    /// <summary>The architecture in archive names: 32-bit Arm archives are <c>armv6l</c>.</summary>
    public string ArchiveArch => GoArch == "arm" ? "armv6l" : GoArch;

    /// <summary>Whether this is Windows.</summary>
    public bool IsWindows => GoOS == "windows";

    /// <summary>The official archive format for this platform: .zip on Windows, else .tar.gz.</summary>
    public string ArchiveExtension => IsWindows ? ".zip" : ".tar.gz";

    /// <summary>The official archive name of <paramref name="release"/> for this platform: go1.26.11.linux-amd64.tar.gz.</summary>
    public string ArchiveName(string release) => EntryName(release) + ArchiveExtension;

    /// <summary>The cache folder name of <paramref name="release"/> for this platform: go1.26.11.linux-amd64.</summary>
    public string EntryName(string release) => release + "." + GoOS + "-" + ArchiveArch;

    /// <inheritdoc/>
    public override string ToString() => GoOS + "/" + GoArch;

    private static string CurrentGoOS()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return "windows";
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return "darwin";
        }

        return RuntimeInformation.OSDescription.IndexOf("FreeBSD", StringComparison.OrdinalIgnoreCase) >= 0 ? "freebsd" : "linux";
    }

    private static string CurrentGoArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        _ => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
    };
}
