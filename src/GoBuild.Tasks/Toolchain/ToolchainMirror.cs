using System;
using System.IO;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// Where archives come from (GoToolchainMirror): the official download site, another base URL
/// that holds the archives under their official names plus <c>index.json</c>, or a local folder
/// laid out the same way. A URL with a query or ending in <c>.json</c> names the index itself,
/// and the archives sit next to it.
/// </summary>
public sealed class ToolchainMirror
{
    /// <summary>The official download site, the default.</summary>
    public const string Official = "https://go.dev/dl/";

    private const string OfficialIndexQuery = "?mode=json&include=all";

    private ToolchainMirror(string description, Uri? baseUri, Uri? indexUri, string? folder)
    {
        Description = description;
        BaseUri = baseUri;
        IndexUri = indexUri;
        Folder = folder;
    }

    /// <summary>How messages name this mirror.</summary>
    public string Description { get; }

    /// <summary>The base URL of the archives, or null for a local folder.</summary>
    public Uri? BaseUri { get; }

    /// <summary>The URL of the index, or null for a local folder.</summary>
    public Uri? IndexUri { get; }

    /// <summary>The local folder, or null for a URL.</summary>
    public string? Folder { get; }

    /// <summary>Whether reading from this mirror needs no network.</summary>
    public bool IsLocal => Folder != null;

    /// <summary>Where the index lives: a URL or a path.</summary>
    public string IndexLocation => IsLocal ? Path.Combine(Folder!, "index.json") : IndexUri!.AbsoluteUri;

    /// <summary>
    /// Reads GoToolchainMirror. Relative folders are relative to <paramref name="baseDirectory"/>.
    /// GOB1011 for an http:// URL without <paramref name="allowHttp"/>; GOB1020 for anything else
    /// that is neither an http(s) URL nor an existing folder.
    /// </summary>
    public static ToolchainMirror Parse(string? value, string baseDirectory, bool allowHttp)
    {
        string text = string.IsNullOrWhiteSpace(value) ? Official : value!.Trim();
        bool looksLikeUrl = text.IndexOf("://", StringComparison.Ordinal) > 0;
        if (looksLikeUrl && Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            if (uri.Scheme == Uri.UriSchemeFile)
            {
                return FromFolder(uri.LocalPath, text);
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp)
            {
                throw new GoBuildException("HttpNotAllowed", text);
            }

            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new GoBuildException("InvalidMirror", text);
            }

            return FromUrl(uri);
        }

        if (looksLikeUrl)
        {
            throw new GoBuildException("InvalidMirror", text);
        }

        return FromFolder(Path.GetFullPath(Path.Combine(baseDirectory, text)), text);
    }

    /// <summary>Where the archive <paramref name="fileName"/> lives: a URL or a path.</summary>
    public string ArchiveLocation(string fileName) =>
        IsLocal ? Path.Combine(Folder!, fileName) : new Uri(BaseUri!, Uri.EscapeDataString(fileName)).AbsoluteUri;

    private static ToolchainMirror FromFolder(string folder, string text)
    {
        if (!Directory.Exists(folder))
        {
            throw new GoBuildException("InvalidMirror", text);
        }

        return new ToolchainMirror(folder, null, null, folder);
    }

    private static ToolchainMirror FromUrl(Uri uri)
    {
        string path = uri.GetLeftPart(UriPartial.Path);
        if (uri.Query.Length > 0 || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // The URL names the index; the archives are in its folder.
            var indexBase = new Uri(path.Substring(0, path.LastIndexOf('/') + 1));
            return new ToolchainMirror(uri.AbsoluteUri, indexBase, uri, null);
        }

        var baseUri = new Uri(path.EndsWith("/", StringComparison.Ordinal) ? path : path + "/");
        Uri index = string.Equals(baseUri.AbsoluteUri, Official, StringComparison.OrdinalIgnoreCase)
            ? new Uri(Official + OfficialIndexQuery)
            : new Uri(baseUri, "index.json");
        return new ToolchainMirror(baseUri.AbsoluteUri, baseUri, index, null);
    }
}
