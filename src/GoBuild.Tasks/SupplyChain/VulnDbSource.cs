using System;
using System.IO;
using System.Net;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// Where the Go vulnerability database is read from (GoAuditSource): an https:// URL, an http://
/// URL of a loopback host (a test or local mirror), a file:// URL, or a folder, each in the layout
/// the database serves (<c>index/db.json</c>, <c>index/modules.json</c>, <c>ID/&lt;id&gt;.json</c>).
/// </summary>
public sealed class VulnDbSource
{
    private VulnDbSource(string text, Uri? baseUri, string? folder)
    {
        Text = text;
        BaseUri = baseUri;
        Folder = folder;
    }

    /// <summary>The source as given (trimmed), for messages.</summary>
    public string Text { get; }

    /// <summary>The base URL (ending in a slash) of an HTTP source; null for a folder.</summary>
    public Uri? BaseUri { get; }

    /// <summary>The folder of a file:// or path source; null for an HTTP source.</summary>
    public string? Folder { get; }

    /// <summary>
    /// Parses GoAuditSource; a relative folder is relative to <paramref name="projectDirectory"/>.
    /// GOB3105 for anything else, and for http:// to a host that is not loopback.
    /// </summary>
    public static VulnDbSource Parse(string? value, string projectDirectory)
    {
        string text = (value ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new GoBuildException("AuditSourceInvalid", value ?? string.Empty);
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeFile))
        {
            if (uri.Scheme == Uri.UriSchemeFile)
            {
                return new VulnDbSource(text, null, uri.LocalPath);
            }

            // Plain http would let anyone on the path change what the audit says; loopback mirrors only.
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new GoBuildException("AuditSourceInvalid", text);
            }

            var baseUri = new Uri(uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri.AbsoluteUri : uri.AbsoluteUri + "/");
            return new VulnDbSource(text, baseUri, null);
        }

        if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            throw new GoBuildException("AuditSourceInvalid", text);
        }

        return new VulnDbSource(text, null, Path.GetFullPath(Path.Combine(projectDirectory, text)));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address));
}
