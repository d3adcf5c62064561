using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>Crafted archives and indexes for the toolchain tests.</summary>
internal static class TestArchives
{
    public const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// A tiny toolchain in the official layout whose bin/go is a shell script that answers
    /// <c>go env GOVERSION</c> with <paramref name="reports"/> (the release itself unless told otherwise).
    /// </summary>
    public static byte[] FakeToolchainTarGz(string release, string? reports = null) => TarGz(writer =>
    {
        AddDirectory(writer, "go/");
        AddFile(writer, "go/VERSION", release + "\ntime 2020-01-01T00:00:00Z\n", Regular);
        AddDirectory(writer, "go/bin/");
        AddFile(writer, "go/bin/go", $"#!/bin/sh\nif [ \"$1\" = env ] && [ \"$2\" = GOVERSION ]; then echo {reports ?? release}; exit 0; fi\nexit 2\n", Executable);
        AddFile(writer, "go/src/fmt/print.go", "package fmt\n", Regular);
    });

    public static byte[] TarGz(Action<TarWriter> write)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return memory.ToArray();
    }

    public static void AddDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = Executable });

    public static void AddFile(TarWriter writer, string name, string content, UnixFileMode mode)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        writer.WriteEntry(entry);
    }

    public static byte[] Zip(Action<ZipArchive> write)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }

        return memory.ToArray();
    }

    public static void AddZipFile(ZipArchive zip, string name, string content, int unixMode = 0x81A4)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name);
        entry.ExternalAttributes = unixMode << 16;
        using Stream stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>An index in the official JSON shape listing <paramref name="archives"/> (release, file name, bytes, stable).</summary>
    public static byte[] Index(params (string Release, string FileName, byte[] Content, bool Stable)[] archives)
    {
        var releases = new List<string>();
        foreach ((string release, string fileName, byte[] content, bool stable) in archives)
        {
            // go1.26.11.linux-amd64.tar.gz → linux, amd64
            string rest = fileName.Substring(release.Length + 1);
            string[] platform = rest.Substring(0, rest.IndexOf('.')).Split('-');
            string os = platform[0];
            string arch = platform[1];
            releases.Add($$"""
                {"version":"{{release}}","stable":{{(stable ? "true" : "false")}},"files":[
                  {"filename":"{{release}}.src.tar.gz","os":"","arch":"","version":"{{release}}","sha256":"00","size":1,"kind":"source"},
                  {"filename":"{{fileName}}","os":"{{os}}","arch":"{{arch}}","version":"{{release}}","sha256":"{{Sha256(content)}}","size":{{content.Length}},"kind":"archive"}]}
                """);
        }

        return Encoding.UTF8.GetBytes("[" + string.Join(",", releases) + "]");
    }

    /// <summary>Asserts that <paramref name="action"/> fails with the coded message <paramref name="code"/>; returns the message.</summary>
    public static string AssertFails(string code, Action action)
    {
        GoBuildException ex = Assert.ThrowsExactly<GoBuildException>(action);
        StringAssert.StartsWith(ex.Message, code + ": ", ex.Message);
        return ex.Message;
    }
}
