using System;
using System.Buffers.Binary;
using System.IO;

namespace GoBuild.Sdk.Tests;

/// <summary>Names the platform of a binary from its header bytes, as `file` would (without needing it).</summary>
internal static class CrossCompileBinaries
{
    /// <summary>"ELF64 x86-64", "ELF64 aarch64", "ELF32 arm", "PE32+ x86-64", "Mach-O arm64", "wasm", or what was found.</summary>
    public static string Identify(string path)
    {
        byte[] header = new byte[512];
        int read;
        using (FileStream stream = File.OpenRead(path))
        {
            read = stream.Read(header, 0, header.Length);
        }

        ReadOnlySpan<byte> bytes = header.AsSpan(0, read);
        if (bytes.Length >= 20 && bytes[0] == 0x7F && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F')
        {
            string elfClass = bytes[4] == 2 ? "ELF64" : bytes[4] == 1 ? "ELF32" : "ELF?";
            ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(18));
            return elfClass + " " + machine switch
            {
                62 => "x86-64",
                183 => "aarch64",
                40 => "arm",
                3 => "x86",
                _ => "machine " + machine,
            };
        }

        if (bytes.Length >= 0x40 && bytes[0] == (byte)'M' && bytes[1] == (byte)'Z')
        {
            int pe = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(0x3C));
            if (pe + 26 <= bytes.Length && bytes[pe] == (byte)'P' && bytes[pe + 1] == (byte)'E' && bytes[pe + 2] == 0 && bytes[pe + 3] == 0)
            {
                ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(pe + 4));
                ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(pe + 24));
                string kind = magic == 0x20B ? "PE32+" : magic == 0x10B ? "PE32" : "PE?";
                return kind + " " + machine switch
                {
                    0x8664 => "x86-64",
                    0xAA64 => "arm64",
                    0x14C => "x86",
                    _ => "machine 0x" + machine.ToString("x4"),
                };
            }
        }

        if (bytes.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0xFEEDFACF)
        {
            uint cpu = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(4));
            return "Mach-O " + cpu switch
            {
                0x0100000C => "arm64",
                0x01000007 => "x86-64",
                _ => "cpu 0x" + cpu.ToString("x8"),
            };
        }

        if (bytes.Length >= 8 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m' && bytes[4] == 1)
        {
            return "wasm";
        }

        return "unknown: " + Convert.ToHexString(bytes.Slice(0, Math.Min(8, bytes.Length)));
    }
}
