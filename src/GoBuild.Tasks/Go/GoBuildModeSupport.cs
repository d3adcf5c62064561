using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Go;

/// <summary>
/// Which target platforms support which <c>-buildmode</c>, as Go 1.26's
/// <c>internal/platform.BuildModeSupported</c> says, so that a c-shared library for js/wasm fails
/// at once with a list of the platforms that can build one instead of deep in the linker.
/// </summary>
public static class GoBuildModeSupport
{
    private static readonly HashSet<string> s_cShared = new(StringComparer.Ordinal)
    {
        "linux/amd64", "linux/arm", "linux/arm64", "linux/loong64", "linux/386", "linux/ppc64le", "linux/riscv64", "linux/s390x",
        "android/amd64", "android/arm", "android/arm64", "android/386",
        "freebsd/amd64",
        "darwin/amd64", "darwin/arm64",
        "windows/amd64", "windows/386", "windows/arm64",
        "wasip1/wasm",
    };

    private static readonly HashSet<string> s_cArchiveLinux = new(StringComparer.Ordinal)
    {
        "386", "amd64", "arm", "armbe", "arm64", "arm64be", "loong64", "ppc64le", "riscv64", "s390x",
    };

    private static readonly HashSet<string> s_pie = new(StringComparer.Ordinal)
    {
        "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/loong64", "linux/ppc64le", "linux/riscv64", "linux/s390x",
        "android/amd64", "android/arm", "android/arm64", "android/386",
        "freebsd/amd64",
        "darwin/amd64", "darwin/arm64",
        "ios/amd64", "ios/arm64",
        "aix/ppc64",
        "openbsd/arm64",
        "windows/386", "windows/amd64", "windows/arm64",
    };

    /// <summary>Whether <paramref name="mode"/> (exe, pie, c-shared, c-archive) can be built for <paramref name="goos"/>/<paramref name="goarch"/>.</summary>
    public static bool IsSupported(string mode, string goos, string goarch)
    {
        string platform = goos + "/" + goarch;
        return mode switch
        {
            "exe" => true,
            "wasi-reactor" => platform == "wasip1/wasm",
            "pie" => s_pie.Contains(platform),
            "c-shared" => s_cShared.Contains(platform),
            "c-archive" => goos switch
            {
                "aix" or "darwin" or "ios" or "windows" => true,
                "linux" => s_cArchiveLinux.Contains(goarch),
                "freebsd" => goarch == "amd64",
                _ => false,
            },
            _ => false,
        };
    }

    /// <summary>A readable list of the platforms that support <paramref name="mode"/>, for error messages.</summary>
    public static string SupportedPlatforms(string mode) => mode switch
    {
        "wasi-reactor" => "wasip1/wasm",
        "pie" => string.Join(", ", s_pie.OrderBy(p => p, StringComparer.Ordinal)),
        "c-shared" => string.Join(", ", s_cShared.OrderBy(p => p, StringComparer.Ordinal)),
        "c-archive" => "aix/*, darwin/*, ios/*, windows/*, freebsd/amd64, " + string.Join(", ", s_cArchiveLinux.OrderBy(a => a, StringComparer.Ordinal).Select(a => "linux/" + a)),
        _ => "all",
    };

    /// <summary>Fails with GOB5007 when <paramref name="mode"/> cannot be built for the platform.</summary>
    public static void Require(string mode, string? goos, string? goarch)
    {
        if (string.IsNullOrEmpty(goos) || string.IsNullOrEmpty(goarch) || IsSupported(mode, goos!, goarch!))
        {
            return;
        }

        throw new GoBuildException("BuildModeNotSupported", mode, goos + "/" + goarch, SupportedPlatforms(mode));
    }
}
