using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GoBuild.Tests;

/// <summary>How the next request for a file goes wrong.</summary>
public enum MirrorFault
{
    /// <summary>404 Not Found.</summary>
    NotFound,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>Announces the full length, sends half, and resets the connection.</summary>
    CutHalfway,

    /// <summary>Sends the full length with some bytes changed.</summary>
    WrongBytes,

    /// <summary>Sends the body in 20 pieces with a pause between them.</summary>
    SlowBody,

    /// <summary>Sends half, raises <see cref="LoopbackMirror.Stalled"/>, and sends nothing more until <see cref="LoopbackMirror.ReleaseStall"/>.</summary>
    StallHalfway,

    /// <summary>Answers 302 pointing at the same file under <c>/moved/</c>.</summary>
    Redirect,
}

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (random port) for tests: serves files from a folder (by
/// default the official-layout archives and index.json eng/get-go.sh writes) and from memory,
/// counts requests, and misbehaves on demand. One request per connection, so a fault never
/// leaks into the next request.
/// </summary>
public sealed class LoopbackMirror : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<MirrorFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _stallReleased = new(false);
    private readonly Task _acceptLoop;
    private int _notModified;

    private LoopbackMirror(string? folder)
    {
        _folder = folder;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 64);
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>Set when a <see cref="MirrorFault.StallHalfway"/> response has sent its first half.</summary>
    public ManualResetEventSlim Stalled { get; } = new(false);

    /// <summary>Paths requested so far, in order (without the leading slash).</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>
    /// Whether responses carry an ETag (a hash of the content) and a request whose If-None-Match
    /// names it gets 304 Not Modified, as the Go vulnerability database's server does.
    /// </summary>
    public bool UseETags { get; set; }

    /// <summary>How many requests were answered 304 Not Modified.</summary>
    public int NotModifiedCount => _notModified;

    /// <summary>Pause between the pieces of a <see cref="MirrorFault.SlowBody"/>.</summary>
    public TimeSpan SlowBodyPause { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Starts a server for the files in <paramref name="folder"/> (null: memory only).</summary>
    public static LoopbackMirror Start(string? folder) => new(folder);

    /// <summary>Starts a server for the mirror folder eng/get-go.sh writes.</summary>
    public static LoopbackMirror StartGoMirror() => new(RepoPaths.GoMirror);

    /// <summary>Serves <paramref name="content"/> as <paramref name="name"/> (overrides the folder).</summary>
    public void AddFile(string name, byte[] content) => _files[name] = content;

    /// <summary>The next requests for <paramref name="name"/> fail with <paramref name="faults"/>, in order; later ones succeed.</summary>
    public void Fail(string name, params MirrorFault[] faults)
    {
        ConcurrentQueue<MirrorFault> queue = _faults.GetOrAdd(name, _ => new ConcurrentQueue<MirrorFault>());
        foreach (MirrorFault fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>How many GET requests asked for <paramref name="name"/>.</summary>
    public int Count(string name) => _requests.Count(r => r == name || r == "moved/" + name);

    /// <summary>Lets stalled responses go on (they then close the connection).</summary>
    public void ReleaseStall() => _stallReleased.Set();

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _stallReleased.Set();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                (string? path, string? ifNoneMatch) = await ReadRequestAsync(stream);
                if (path == null)
                {
                    return;
                }

                _requests.Enqueue(path);
                MirrorFault? fault = _faults.TryGetValue(path, out ConcurrentQueue<MirrorFault>? queue) && queue.TryDequeue(out MirrorFault f) ? f : null;
                string name = path.StartsWith("moved/", StringComparison.Ordinal) ? path.Substring("moved/".Length) : path;
                byte[]? content = Lookup(name);
                if (content == null || fault == MirrorFault.NotFound)
                {
                    await WriteStatusAsync(stream, "404 Not Found");
                    return;
                }

                switch (fault)
                {
                    case MirrorFault.ServerError:
                        await WriteStatusAsync(stream, "500 Internal Server Error");
                        return;
                    case MirrorFault.Redirect:
                        await WriteAsciiAsync(stream, $"HTTP/1.1 302 Found\r\nLocation: /moved/{name}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                }

                string etag = string.Empty;
                if (UseETags)
                {
                    string tag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content), 0, 8) + "\"";
                    if (ifNoneMatch == tag && fault == null)
                    {
                        Interlocked.Increment(ref _notModified);
                        await WriteAsciiAsync(stream, $"HTTP/1.1 304 Not Modified\r\nETag: {tag}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    etag = $"ETag: {tag}\r\n";
                }

                await WriteAsciiAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n{etag}Content-Length: {content.Length}\r\nConnection: close\r\n\r\n");
                switch (fault)
                {
                    case MirrorFault.CutHalfway:
                        await stream.WriteAsync(content.AsMemory(0, content.Length / 2));
                        // A reset, not a clean close: what a dropped connection looks like.
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    case MirrorFault.WrongBytes:
                        byte[] changed = (byte[])content.Clone();
                        for (int i = changed.Length / 3; i < changed.Length / 3 + 16 && i < changed.Length; i++)
                        {
                            changed[i] ^= 0x5A;
                        }

                        await stream.WriteAsync(changed);
                        return;
                    case MirrorFault.SlowBody:
                        int piece = Math.Max(1, content.Length / 20);
                        for (int offset = 0; offset < content.Length; offset += piece)
                        {
                            await stream.WriteAsync(content.AsMemory(offset, Math.Min(piece, content.Length - offset)));
                            await Task.Delay(SlowBodyPause);
                        }

                        return;
                    case MirrorFault.StallHalfway:
                        await stream.WriteAsync(content.AsMemory(0, content.Length / 2));
                        await stream.FlushAsync();
                        Stalled.Set();
                        _stallReleased.Wait(TimeSpan.FromMinutes(2));
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    default:
                        await stream.WriteAsync(content);
                        return;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                // The client went away (a killed build, a cancelled download): nothing to do.
            }
        }
    }

    private byte[]? Lookup(string name)
    {
        if (_files.TryGetValue(name, out byte[]? content))
        {
            return content;
        }

        if (_folder == null || name.Contains('/') || name.Contains('\\') || name.Contains(".."))
        {
            return null;
        }

        string path = Path.Combine(_folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        // Archives are read once and kept: tests ask for the same few files many times.
        return _files.GetOrAdd(name, _ => File.ReadAllBytes(path));
    }

    private static async Task<(string? Path, string? IfNoneMatch)> ReadRequestAsync(NetworkStream stream)
    {
        var header = new StringBuilder();
        byte[] one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0 || header.Length > 16384)
            {
                return (null, null);
            }

            header.Append((char)one[0]);
        }

        string[] lines = header.ToString().Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2 || requestLine[0] != "GET")
        {
            return (null, null);
        }

        string? ifNoneMatch = lines.Skip(1)
            .Where(l => l.StartsWith("If-None-Match:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Substring("If-None-Match:".Length).Trim())
            .FirstOrDefault();
        string target = requestLine[1];
        int query = target.IndexOf('?');
        return (Uri.UnescapeDataString((query >= 0 ? target.Substring(0, query) : target).TrimStart('/')), ifNoneMatch);
    }

    private static Task WriteStatusAsync(NetworkStream stream, string status) =>
        WriteAsciiAsync(stream, $"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private static async Task WriteAsciiAsync(NetworkStream stream, string text) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
}
