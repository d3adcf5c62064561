using System;
using System.Security.Cryptography;
using System.Text;

namespace GoBuild.Tasks.Modules;

/// <summary>
/// go's <c>h1:</c> hash (golang.org/x/mod/sumdb/dirhash Hash1): the SHA-256 of a summary made of
/// one line per file, <c>hex(sha256(content))  name\n</c>, sorted by name, written as base64.
/// </summary>
public static class ModuleHash
{
    /// <summary>The go.sum hash of a go.mod file's content (the <c>path version/go.mod</c> line).</summary>
    public static string OfGoMod(byte[] content) => Hash1(new[] { ("go.mod", content) });

    /// <summary>The h1: hash of files given as (name, content), names as go puts them in the summary.</summary>
    public static string Hash1((string Name, byte[] Content)[] files)
    {
        Array.Sort(files, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var summary = new StringBuilder();
        using SHA256 sha = SHA256.Create();
        foreach ((string name, byte[] content) in files)
        {
            if (name.IndexOf('\n') >= 0)
            {
                throw new ArgumentException("file name contains a newline: " + name, nameof(files));
            }

            summary.Append(ToHex(sha.ComputeHash(content))).Append("  ").Append(name).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(summary.ToString())));
    }

    private static string ToHex(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
