using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// The database's JSON files in an already-parsed binary form, kept in the cache folder of one
/// source and named by the SHA-256 of the JSON they were made from: each copy of the index and of
/// an entry is parsed once (the first audit after it was fetched, or after a folder source changed)
/// and every later audit reads the digest instead. Parsing modules.json and the entries with
/// DataContractJsonSerializer was most of an audit's time in a fresh MSBuild process; a digest of the
/// index is read module by module, so an audit builds only the lists of the modules it links.
/// </summary>
/// <remarks>
/// A digest is only ever a shortcut: one that is missing, unreadable, of another format version or
/// that cannot be written (a read-only cache) sends the reader back to the JSON, with the same result.
/// Content-addressed names make concurrent builds safe without a lock: two writers of one name write
/// the same bytes, and a replaced copy's older digests are deleted when its new one is written.
/// </remarks>
public sealed class VulnDbDigest
{
    // Bumped whenever the layout below changes: an older digest is then a miss, never misread.
    private const string Format = "GoBuild.VulnDbDigest/1";

    private readonly string _folder;

    /// <summary>Creates a digest store in <paramref name="folder"/> (created when the first digest is written).</summary>
    public VulnDbDigest(string folder) => _folder = folder;

    /// <summary>The folder that holds the digests.</summary>
    public string Folder => _folder;

    /// <summary>
    /// The index in <paramref name="json"/> (the bytes of <c>index/modules.json</c>), restricted to
    /// <paramref name="modules"/>; <see cref="FormatException"/> when it is not an index.
    /// </summary>
    public VulnDbIndex Index(byte[] json, ICollection<string> modules)
    {
        string name = "index." + Sha256Hex(json) + ".bin";
        VulnDbIndex? index = TryRead(name, reader => VulnDbIndex.ReadDigest(reader, modules));
        if (index != null)
        {
            return index;
        }

        VulnDbIndex parsed = VulnDbIndex.Parse(json);
        TryWrite(name, "index.", parsed.WriteDigest);
        return parsed;
    }

    /// <summary>The entry <paramref name="id"/> in <paramref name="json"/> (the bytes of <c>ID/&lt;id&gt;.json</c>); <see cref="FormatException"/> when it is not one.</summary>
    public OsvEntry Entry(string id, byte[] json)
    {
        string name = id + "." + Sha256Hex(json) + ".bin";
        OsvEntry? entry = TryRead(name, OsvEntry.ReadDigest);
        if (entry != null)
        {
            return entry;
        }

        OsvEntry parsed = OsvEntry.Parse(json);
        TryWrite(name, id + ".", parsed.WriteDigest);
        return parsed;
    }

    private T? TryRead<T>(string name, Func<BinaryReader, T> read)
        where T : class
    {
        string path = Path.Combine(_folder, name);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = new MemoryStream(File.ReadAllBytes(path), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            return reader.ReadString() == Format ? read(reader) : null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FormatException || ex is ArgumentException || ex is InvalidDataException)
        {
            // EndOfStreamException is an IOException: a digest cut short is a miss too.
            return null;
        }
    }

    private void TryWrite(string name, string prefix, Action<BinaryWriter> write)
    {
        string path = Path.Combine(_folder, name);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(_folder);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Format);
                write(writer);
            }

            if (File.Exists(path))
            {
                File.Delete(temp);
            }
            else
            {
                File.Move(temp, path);
            }

            // The copy this digest replaces: its digests are never read again.
            foreach (string old in Directory.EnumerateFiles(_folder, prefix + "*.bin").Where(p => !string.Equals(Path.GetFileName(p), name, StringComparison.Ordinal)))
            {
                File.Delete(old);
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // A read-only or contended cache: the next audit parses the JSON again, with the same result.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException || cleanup is UnauthorizedAccessException)
            {
                // Nothing more to do: a stray .tmp is never read as a digest.
            }
        }
    }

    private static string Sha256Hex(byte[] content)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(content).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
