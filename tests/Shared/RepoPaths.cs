using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tests;

/// <summary>Where the repository and the tools eng/get-go.sh provides live.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoBuild.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GoBuild.Sdk.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The ignored folder eng/get-go.sh fills (GOBUILD_TOOLS_DIR overrides it, as for the script).</summary>
    public static string Tools => Environment.GetEnvironmentVariable("GOBUILD_TOOLS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, ".tools");

    /// <summary>The mirror folder eng/get-go.sh writes: official-layout archives and index.json.</summary>
    public static string GoMirror => Path.Combine(Tools, "go-mirror");

    /// <summary>
    /// The GOROOT of Go <paramref name="version"/> (for example "1.26.11"). A missing toolchain
    /// fails the test: tests never skip because Go is absent.
    /// </summary>
    public static string GoRoot(string version)
    {
        string root = Path.Combine(Tools, "go", "go" + version);
        if (!File.Exists(Path.Combine(root, ".complete")))
        {
            Assert.Fail($"Go {version} is not installed at {root}. Run eng/get-go.sh (the README's test command does).");
        }

        return root;
    }

    /// <summary>
    /// An entry point eng/get-test-tools.sh writes into .tools/bin: "qemu-aarch64-static" or
    /// "aarch64-linux-gnu-gcc" (a wrapper that points Debian's cross gcc at its unpacked sysroot).
    /// A missing tool fails the test: tests never fall back to, or skip for, the machine's own.
    /// </summary>
    public static string Tool(string name)
    {
        string path = Path.Combine(Tools, "bin", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"{name} is not at {path}. Run eng/get-test-tools.sh (the README's test command does).");
        }

        return path;
    }

    /// <summary>The arm64 libraries and loader of the unpacked libc6-arm64-cross: qemu's -L for a dynamically linked linux/arm64 binary.</summary>
    public static string Arm64LibraryRoot
    {
        get
        {
            string path = Path.Combine(Tools, "debian", "usr", "aarch64-linux-gnu");
            if (!File.Exists(Path.Combine(path, "lib", "ld-linux-aarch64.so.1")))
            {
                Assert.Fail($"The arm64 C library is not under {path}. Run eng/get-test-tools.sh (the README's test command does).");
            }

            return path;
        }
    }

    /// <summary>A fresh folder under artifacts/tmp for this test run.</summary>
    public static string NewTempDirectory(string name)
    {
        string dir = Path.Combine(Root, "artifacts", "tmp", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
