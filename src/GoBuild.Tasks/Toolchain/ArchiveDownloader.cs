using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace GoBuild.Tasks.Toolchain;

/// <summary>Retry, timeout and size settings of <see cref="ArchiveDownloader"/> (tests shorten them).</summary>
public sealed class DownloadPolicy
{
    /// <summary>Attempts per file, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the response headers may take.</summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the body may send nothing before the attempt counts as timed out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The cap when the expected size is unknown (no index, only GoToolchainSha256).</summary>
    public long MaxUnknownSize { get; set; } = 1L << 30;

    /// <summary>Minimum time between two progress lines.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The outcome of a download: what was written and its SHA-256.</summary>
public sealed class DownloadResult
{
    /// <summary>Creates a result.</summary>
    public DownloadResult(long length, string sha256)
    {
        Length = length;
        Sha256 = sha256;
    }

    /// <summary>Bytes written.</summary>
    public long Length { get; }

    /// <summary>Lower-case hex SHA-256 of those bytes, computed while they streamed.</summary>
    public string Sha256 { get; }
}

/// <summary>
/// Streams a file from a URL or a local folder to disk, hashing while it streams: bounded
/// retries with exponential backoff on timeouts, connection failures and 5xx (never on other
/// 4xx), a byte cap at the expected size, redirects followed by hand so that https never falls
/// back to http, the usual proxy variables (HttpClient's default proxy), cancellation, and a few
/// progress lines.
/// </summary>
public sealed class ArchiveDownloader
{
    private const int BufferSize = 256 * 1024;
    private const int MaxRedirects = 5;

    private static readonly Lazy<HttpClient> s_sharedClient = new(() => CreateClient(CreateDefaultHandler()));

    private readonly Lazy<HttpClient> _client;
    private readonly bool _allowHttp;
    private readonly IToolchainLog _log;
    private readonly DownloadPolicy _policy;

    /// <summary>Creates a downloader; <paramref name="handler"/> null uses one shared client per process.</summary>
    public ArchiveDownloader(bool allowHttp, IToolchainLog log, DownloadPolicy? policy = null, HttpMessageHandler? handler = null)
    {
        // Created on first use: a cache hit never loads the HTTP stack.
        _client = handler == null ? s_sharedClient : new Lazy<HttpClient>(() => CreateClient(handler));
        _allowHttp = allowHttp;
        _log = log;
        _policy = policy ?? new DownloadPolicy();
    }

    /// <summary>
    /// Writes the file at <paramref name="location"/> (URL or path) to <paramref name="destination"/>.
    /// <paramref name="expectedSize"/> (0 = unknown) is also the cap. GOB1010 when every attempt
    /// failed or the server refused; GOB1012 when it sends more than the cap.
    /// </summary>
    public async Task<DownloadResult> DownloadToFileAsync(string location, string destination, long expectedSize, CancellationToken cancellationToken)
    {
        if (!IsUrl(location))
        {
            return CopyLocal(location, destination, expectedSize, cancellationToken);
        }

        return await WithRetriesAsync(location, async () =>
        {
            using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            return await StreamAsync(new Uri(location), file, expectedSize, showProgress: true, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a small file (the index) at <paramref name="location"/> into memory, at most <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> ReadAllAsync(string location, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsUrl(location))
        {
            if (!File.Exists(location))
            {
                throw new GoBuildException("DownloadFailed", location, "the file does not exist", 1);
            }

            if (new FileInfo(location).Length > maxBytes)
            {
                throw new GoBuildException("ArchiveTooLarge", location, maxBytes);
            }

            return File.ReadAllBytes(location);
        }

        return await WithRetriesAsync(location, async () =>
        {
            using var memory = new MemoryStream();
            await StreamAsync(new Uri(location), memory, -maxBytes, showProgress: false, cancellationToken).ConfigureAwait(false);
            return memory.ToArray();
        }, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static HttpClient CreateClient(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GoBuild.Sdk/" + typeof(ArchiveDownloader).Assembly.GetName().Version);
        return client;
    }

    private static HttpMessageHandler CreateDefaultHandler()
    {
        // Redirects are followed by hand (see SendAsync); the default proxy honours HTTPS_PROXY and NO_PROXY.
#if NET
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
#else
        return new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
#endif
    }

    private static string Hex(byte[] hash)
    {
        char[] chars = new char[hash.Length * 2];
        const string digits = "0123456789abcdef";
        for (int i = 0; i < hash.Length; i++)
        {
            chars[2 * i] = digits[hash[i] >> 4];
            chars[(2 * i) + 1] = digits[hash[i] & 0xF];
        }

        return new string(chars);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout || (int)status == 429;

    private async Task<T> WithRetriesAsync<T>(string location, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        TimeSpan delay = _policy.FirstRetryDelay;
        for (int n = 1; ; n++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (TransientException ex) when (n < _policy.MaxAttempts)
            {
                _log.Normal("DownloadRetrying", location, ex.Message, delay.TotalSeconds, n + 1, _policy.MaxAttempts);
            }
            catch (TransientException ex)
            {
                throw new GoBuildException("DownloadFailed", location, ex.Message, n);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(delay.Ticks * 2);
        }
    }

    /// <summary>
    /// One attempt: GET <paramref name="uri"/> into <paramref name="sink"/>. A positive
    /// <paramref name="expectedSize"/> is the exact size and the cap; a negative one is only a cap;
    /// 0 means the default cap.
    /// </summary>
    private async Task<DownloadResult> StreamAsync(Uri uri, Stream sink, long expectedSize, bool showProgress, CancellationToken cancellationToken)
    {
        long cap = expectedSize > 0 ? expectedSize : expectedSize < 0 ? -expectedSize : _policy.MaxUnknownSize;
        using HttpResponseMessage response = await SendAsync(uri, cancellationToken).ConfigureAwait(false);
        if (IsTransient(response.StatusCode))
        {
            throw new TransientException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new GoBuildException("DownloadFailed", uri.AbsoluteUri, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", 1);
        }

        long? announced = response.Content.Headers.ContentLength;
        if (announced > cap)
        {
            throw new GoBuildException("ArchiveTooLarge", uri.AbsoluteUri, cap);
        }

        long total = expectedSize > 0 ? expectedSize : announced ?? 0;
        if (showProgress)
        {
            _log.Normal("DownloadStarting", uri.AbsoluteUri, total / 1048576.0);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Disposing the response unblocks a read that ignores its token (.NET Framework).
        // It runs on the timer thread of CancelAfter, where an exception would end the process.
        using CancellationTokenRegistration unblock = idle.Token.Register(() => DisposeQuietly(response));
        var watch = Stopwatch.StartNew();
        long written = 0;
        Stream body = await Guard(() => response.Content.ReadAsStreamAsync(), idle, written, cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[BufferSize];
        long nextReport = total / 10;
        TimeSpan lastReport = TimeSpan.Zero;
        while (true)
        {
            idle.CancelAfter(_policy.IdleTimeout);
            int read = await Guard(() => body.ReadAsync(buffer, 0, buffer.Length, idle.Token), idle, written, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            written += read;
            if (written > cap)
            {
                throw new GoBuildException("ArchiveTooLarge", uri.AbsoluteUri, cap);
            }

            hash.AppendData(buffer, 0, read);
            sink.Write(buffer, 0, read);
            if (showProgress && total > 0 && written >= nextReport && watch.Elapsed - lastReport >= _policy.ProgressInterval)
            {
                // At most one line per tenth and per interval: a handful, however slow the link.
                lastReport = watch.Elapsed;
                nextReport = written + (total / 10);
                _log.Normal("DownloadProgress", 100 * written / total, written / 1048576.0, total / 1048576.0, Rate(written, watch.Elapsed));
            }
        }

        if (expectedSize > 0 && written < expectedSize)
        {
            throw new TransientException($"the body ended after {written} of {expectedSize} bytes");
        }

        if (showProgress)
        {
            _log.Normal("DownloadFinished", uri.AbsoluteUri, written / 1048576.0, watch.Elapsed.TotalSeconds, Rate(written, watch.Elapsed));
        }

        return new DownloadResult(written, Hex(hash.GetHashAndReset()));
    }

    /// <summary>Runs one network step, turning its failures into retryable ones (or cancellation).</summary>
    private async Task<T> Guard<T>(Func<Task<T>> step, CancellationTokenSource idle, long written, CancellationToken cancellationToken)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (idle.IsCancellationRequested)
            {
                throw new TransientException($"no data for {_policy.IdleTimeout.TotalSeconds:0.#} s after {written} bytes");
            }

            throw new TransientException($"the connection failed after {written} bytes: {ex.Message}");
        }
    }

    private static void DisposeQuietly(IDisposable disposable)
    {
        try
        {
            disposable.Dispose();
        }
        catch (Exception)
        {
            // Only unblocks a read; the read then fails and is reported (or retried) by Guard.
        }
    }

    private static double Rate(long bytes, TimeSpan elapsed) => bytes / 1048576.0 / Math.Max(elapsed.TotalSeconds, 0.001);

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        Uri current = uri;
        for (int redirects = 0; ; redirects++)
        {
            HttpResponseMessage response;
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                headers.CancelAfter(_policy.HeadersTimeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, current);
                    response = await _client.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientException($"no response within {_policy.HeadersTimeout.TotalSeconds:0.#} s");
                }
                catch (HttpRequestException ex)
                {
                    throw new TransientException(ex.InnerException?.Message ?? ex.Message);
                }
            }

            int status = (int)response.StatusCode;
            if (status < 300 || status >= 400 || status == 304 || response.Headers.Location == null)
            {
                return response;
            }

            response.Dispose();
            var next = new Uri(current, response.Headers.Location);
            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new GoBuildException("RedirectToHttp", current.AbsoluteUri, next.AbsoluteUri);
            }

            if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && _allowHttp))
            {
                throw new GoBuildException("HttpNotAllowed", next.AbsoluteUri);
            }

            if (redirects >= MaxRedirects)
            {
                throw new GoBuildException("DownloadFailed", uri.AbsoluteUri, $"more than {MaxRedirects} redirects", 1);
            }

            current = next;
        }
    }

    private DownloadResult CopyLocal(string path, string destination, long expectedSize, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new GoBuildException("DownloadFailed", path, "the file does not exist", 1);
        }

        long cap = expectedSize > 0 ? expectedSize : _policy.MaxUnknownSize;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        byte[] buffer = new byte[BufferSize];
        long written = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            written += read;
            if (written > cap)
            {
                throw new GoBuildException("ArchiveTooLarge", path, cap);
            }

            hash.AppendData(buffer, 0, read);
            target.Write(buffer, 0, read);
        }

        return new DownloadResult(written, Hex(hash.GetHashAndReset()));
    }

    /// <summary>A failure worth another attempt: a timeout, a reset, a cut body, a 5xx.</summary>
    private sealed class TransientException : Exception
    {
        public TransientException(string message)
            : base(message)
        {
        }
    }
}
