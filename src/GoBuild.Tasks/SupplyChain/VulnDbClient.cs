using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Tasks.Records;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>Timing settings of <see cref="VulnDbClient"/> (tests shorten them).</summary>
public sealed class VulnDbPolicy
{
    /// <summary>How long a fetched copy is used before the source is asked again (with a conditional request).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long one request may take, body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for another build that is fetching the same source.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Entries fetched at once.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>The largest file accepted.</summary>
    public long MaxBytes { get; set; } = 64L << 20;
}

/// <summary>Why the data (or part of it) could not be read, for GOB3104.</summary>
public sealed class VulnDbProblem
{
    /// <summary>Creates the problem.</summary>
    public VulnDbProblem(string reason, TimeSpan? cachedAge)
    {
        Reason = reason;
        CachedAge = cachedAge;
    }

    /// <summary>What failed.</summary>
    public string Reason { get; }

    /// <summary>The age of the cached copy used instead; null when there was none.</summary>
    public TimeSpan? CachedAge { get; }
}

/// <summary>The data one audit reads: the entries of the modules it asked for, and what went wrong.</summary>
public sealed class VulnDatabase
{
    private readonly Dictionary<string, IReadOnlyList<OsvEntry>> _entries;

    internal VulnDatabase(bool available, Dictionary<string, IReadOnlyList<OsvEntry>> entries, IReadOnlyList<VulnDbProblem> problems, string? stampPath, DateTimeOffset? nextCheck = null)
    {
        Available = available;
        _entries = entries;
        Problems = problems;
        StampPath = stampPath;
        NextCheck = nextCheck;
    }

    /// <summary>Whether there is an index to audit against (fetched or cached).</summary>
    public bool Available { get; }

    /// <summary>GOB3104 reasons.</summary>
    public IReadOnlyList<VulnDbProblem> Problems { get; }

    /// <summary>
    /// A file whose time changes when the data does (an MSBuild input of the audit), or, for an HTTP
    /// source whose failed check is recorded, when the next check rewrites it; null when nothing was
    /// recorded (a folder source, a cache lock held too long), so the next build tries again.
    /// </summary>
    public string? StampPath { get; }

    /// <summary>When there is no data: the time from which the source is asked again (null: at the next audit).</summary>
    public DateTimeOffset? NextCheck { get; }

    /// <summary>The entries that affect <paramref name="module"/> (a module path, <c>stdlib</c> or <c>toolchain</c>).</summary>
    public IReadOnlyList<OsvEntry> EntriesFor(string module) =>
        _entries.TryGetValue(module, out IReadOnlyList<OsvEntry>? list) ? list : Array.Empty<OsvEntry>();
}

/// <summary>
/// Reads the Go vulnerability database from a folder, or from an HTTP source through a per-user
/// cache: the index is asked for at most once per <see cref="VulnDbPolicy.RefreshInterval"/> per
/// source, with a conditional request (ETag / Last-Modified), under a cross-process lock so that
/// parallel builds fetch once; entries are fetched only for the modules an audit needs and only
/// when the index says they changed. Every failure (no connection, 404, 500, a cut body, bad JSON)
/// becomes a <see cref="VulnDbProblem"/>, with the cached copy used when there is one: the audit
/// never fails a build.
/// </summary>
public sealed class VulnDbClient
{
    private static readonly Lazy<HttpClient> s_sharedClient = new(() => CreateClient(CreateDefaultHandler()));
    private static readonly ConcurrentDictionary<string, (DateTime Time, long Length, object Value)> s_parsed = new(StringComparer.Ordinal);

    private readonly VulnDbSource _source;
    private readonly string _cacheRoot;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Lazy<HttpClient> _client;
    private readonly VulnDbPolicy _policy;
    private readonly VulnDbDigest _digest;

    /// <summary>Creates a client; <paramref name="handler"/> null uses one shared HTTP client per process.</summary>
    public VulnDbClient(VulnDbSource source, string cacheRoot, Func<DateTimeOffset>? clock = null, HttpMessageHandler? handler = null, VulnDbPolicy? policy = null)
    {
        _source = source;
        _cacheRoot = Path.GetFullPath(cacheRoot);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _client = handler == null ? s_sharedClient : new Lazy<HttpClient>(() => CreateClient(handler));
        _policy = policy ?? new VulnDbPolicy();
        _digest = new VulnDbDigest(DigestDirectory);
    }

    /// <summary>The cache folder of this source.</summary>
    public string CacheDirectory => Path.Combine(_cacheRoot, ShortHash(_source.BaseUri?.AbsoluteUri ?? string.Empty));

    /// <summary>The folder that holds the data in the served layout: the source folder, or this source's cache.</summary>
    public string DatabaseFolder => _source.Folder ?? CacheDirectory;

    /// <summary>
    /// Where the parsed digests of this source's files are kept (<see cref="VulnDbDigest"/>): inside
    /// the cache folder of an HTTP source; for a folder source, which is read in place and may be
    /// read-only, in a folder of its own under the cache root.
    /// </summary>
    public string DigestDirectory => _source.Folder == null
        ? Path.Combine(CacheDirectory, "digest")
        : Path.Combine(_cacheRoot, ShortHash(new Uri(Path.GetFullPath(_source.Folder)).AbsoluteUri), "digest");

    /// <summary>The default cache root: <c>&lt;per-user GoBuild folder&gt;/vulndb</c>.</summary>
    public static string DefaultRoot(Func<string, string?> environment, bool isWindows) =>
        Path.Combine(Go.GoCacheLocations.DefaultRoot(environment, isWindows), "vulndb");

    /// <summary>Reads the index and every entry of <paramref name="modules"/>.</summary>
    public VulnDatabase Load(IEnumerable<string> modules, CancellationToken cancellationToken) =>
        Load(modules.Select(m => new KeyValuePair<string, OsvVersion?>(m, null)), cancellationToken);

    /// <summary>
    /// Reads the index and the entries of the modules that can affect the versions given (module,
    /// version; a null version needs every entry of its module): an entry fixed at or below the
    /// lowest version asked for is neither fetched nor read (<see cref="VulnDbIndex.EntriesOf(string, OsvVersion?)"/>).
    /// </summary>
    public VulnDatabase Load(IEnumerable<KeyValuePair<string, OsvVersion?>> versions, CancellationToken cancellationToken)
    {
        var wanted = new SortedDictionary<string, OsvVersion?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, OsvVersion?> v in versions)
        {
            // The lowest version decides; one without a version (compared with nothing) needs all entries.
            wanted[v.Key] = !wanted.TryGetValue(v.Key, out OsvVersion? known) ? v.Value
                : known == null || v.Value == null ? null
                : known.CompareTo(v.Value) <= 0 ? known : v.Value;
        }

        return _source.Folder != null ? LoadFolder(_source.Folder, wanted) : LoadHttp(wanted, cancellationToken);
    }

    /// <summary>
    /// The files whose identity (length, time) stands for the data a <see cref="Load(IEnumerable{string}, CancellationToken)"/>
    /// would read now, when reading them needs no request: a folder source's two index files; for an
    /// HTTP source its data stamp, when the source was checked within the refresh interval with no
    /// failure recorded (else null: the day's check is due, or the last one failed, and Load must
    /// run). Reads the cache state without the lock and parses no data: a build whose outputs link
    /// what they linked before uses it to keep the findings it has (<see cref="AuditKey"/>).
    /// </summary>
    public IReadOnlyList<string>? CurrentData()
    {
        if (_source.Folder != null)
        {
            string modules = Path.Combine(_source.Folder, "index", "modules.json");
            return File.Exists(modules) ? new[] { Path.Combine(_source.Folder, "index", "db.json"), modules } : null;
        }

        string dir = CacheDirectory;
        string stamp = Path.Combine(dir, "data.stamp");
        if (!File.Exists(stamp) || !File.Exists(Path.Combine(dir, "index", "modules.json")))
        {
            return null;
        }

        CacheState state = CacheState.Load(Path.Combine(dir, "state"));
        DateTimeOffset now = _clock();
        bool due = !state.Checked.HasValue || now - state.Checked.Value >= _policy.RefreshInterval || now < state.Checked.Value;
        return due || state.LastFailure != null ? null : new[] { stamp };
    }

    private VulnDatabase LoadFolder(string folder, SortedDictionary<string, OsvVersion?> wanted)
    {
        var problems = new List<VulnDbProblem>();
        string modulesPath = Path.Combine(folder, "index", "modules.json");
        VulnDbIndex index;
        try
        {
            index = ReadIndex(modulesPath, wanted.Keys);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FormatException)
        {
            problems.Add(new VulnDbProblem(Describe(ex, modulesPath), null));
            return new VulnDatabase(false, new Dictionary<string, IReadOnlyList<OsvEntry>>(), problems, null);
        }

        var entries = new Dictionary<string, IReadOnlyList<OsvEntry>>(StringComparer.Ordinal);
        foreach ((string module, OsvVersion? lowest) in wanted.Select(w => (w.Key, w.Value)))
        {
            var list = new List<OsvEntry>();
            foreach (KeyValuePair<string, string> id in index.EntriesOf(module, lowest))
            {
                string path = Path.Combine(folder, "ID", id.Key + ".json");
                try
                {
                    list.Add(ReadEntry(path, id.Key));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FormatException)
                {
                    problems.Add(new VulnDbProblem(Describe(ex, path), null));
                }
            }

            entries[module] = list;
        }

        string stamp = Path.Combine(folder, "index", "db.json");
        return new VulnDatabase(true, entries, problems, File.Exists(stamp) ? stamp : modulesPath);
    }

    private VulnDatabase LoadHttp(SortedDictionary<string, OsvVersion?> wanted, CancellationToken cancellationToken)
    {
        string dir = CacheDirectory;
        var problems = new List<VulnDbProblem>();
        ToolchainLock? held = null;
        try
        {
            Directory.CreateDirectory(dir);
            held = ToolchainLock.Acquire(dir + ".lock", "the Go vulnerability data", _policy.LockTimeout, () => { }, cancellationToken);
        }
        catch (GoBuildException)
        {
            problems.Add(new VulnDbProblem($"another build held the cache lock {dir}.lock for more than {_policy.LockTimeout.TotalSeconds:0} s", null));
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            problems.Add(new VulnDbProblem(ex.Message, null));
        }

        using (held)
        {
            CacheState state = CacheState.Load(Path.Combine(dir, "state"));
            string modulesPath = Path.Combine(dir, "index", "modules.json");
            bool haveIndex = File.Exists(modulesPath);
            DateTimeOffset now = _clock();
            TimeSpan? age = state.Fetched.HasValue ? now - state.Fetched.Value : null;
            bool reachable = held != null;

            // At most one ask per RefreshInterval, whatever its outcome: a failed ask (offline, the
            // source down) is the day's check too, recorded with its reason, so builds in between
            // make no request and report the same problem. Only an index missing without a
            // recorded failure (a cleaned cache) is asked for at once.
            bool due = !state.Checked.HasValue || now - state.Checked.Value >= _policy.RefreshInterval || now < state.Checked.Value || (!haveIndex && state.LastFailure == null);
            if (held != null && due)
            {
                try
                {
                    RefreshIndex(dir, state, haveIndex, cancellationToken);
                    state.Checked = now;
                    state.Fetched = now;
                    state.LastFailure = null;
                    haveIndex = true;
                }
                catch (FetchException ex)
                {
                    // Offline or a broken source: the cached copy, if any, serves until the next check.
                    problems.Add(new VulnDbProblem(ex.Message, haveIndex ? age ?? TimeSpan.Zero : null));
                    reachable = false;

                    // Counts as the day's check (offline builds make no request each time), and keeps
                    // saying that the copy in use is old, or that there is none, until a check succeeds.
                    state.Checked = now;
                    state.LastFailure = ex.Message;
                }

                state.Save(Path.Combine(dir, "state"));
            }
            else if (state.LastFailure != null)
            {
                problems.Add(new VulnDbProblem(state.LastFailure, haveIndex ? age ?? TimeSpan.Zero : null));
                reachable = false;
            }

            string stamp = Path.Combine(dir, "data.stamp");
            if (!haveIndex)
            {
                // A recorded failure is data too: its stamp lets the next builds skip the audit (and
                // replay GOB3104) until the next check, which rewrites the stamp whatever it finds.
                // Without one (the lock was held too long) nothing is recorded and the next build tries.
                string? failed = held != null && state.LastFailure != null ? stamp : null;
                if (failed != null)
                {
                    WriteIfDifferent(stamp, "unavailable " + state.LastFailure + "\n");
                }

                return new VulnDatabase(false, new Dictionary<string, IReadOnlyList<OsvEntry>>(), problems, failed, failed != null ? state.Checked + _policy.RefreshInterval : null);
            }

            VulnDbIndex index;
            try
            {
                index = ReadIndex(modulesPath, wanted.Keys);
            }
            catch (Exception ex) when (ex is IOException || ex is FormatException)
            {
                problems.Add(new VulnDbProblem(Describe(ex, modulesPath), null));
                return new VulnDatabase(false, new Dictionary<string, IReadOnlyList<OsvEntry>>(), problems, null);
            }

            Dictionary<string, IReadOnlyList<OsvEntry>> entries = LoadEntries(dir, index, wanted, state, reachable, problems, age, cancellationToken);
            if (held != null)
            {
                state.Save(Path.Combine(dir, "state"));
            }

            WriteIfDifferent(stamp, "modified " + state.DatabaseModified + "\n");
            return new VulnDatabase(true, entries, problems, stamp);
        }
    }

    private void RefreshIndex(string dir, CacheState state, bool haveIndex, CancellationToken cancellationToken)
    {
        Fetched db = Fetch("index/db.json", haveIndex ? state.DbValidator : null, cancellationToken);
        if (db.NotModified)
        {
            return;
        }

        string modified = ReadModified(db.Content!);

        // Kept so the cache is a database in the served layout (govulncheck reads it as file://).
        RecordFile.ReplaceAtomically(Path.Combine(dir, "index", "db.json"), db.Content!);
        if (haveIndex && string.Equals(modified, state.DatabaseModified, StringComparison.Ordinal))
        {
            state.DbValidator = db.Validator;
            return;
        }

        Fetched modules = Fetch("index/modules.json", haveIndex ? state.ModulesValidator : null, cancellationToken);
        if (!modules.NotModified)
        {
            try
            {
                // Checked, and parsed once for every later audit of this copy (its digest).
                _digest.Index(modules.Content!, Array.Empty<string>());
            }
            catch (FormatException ex)
            {
                throw new FetchException(Uri("index/modules.json") + ": " + ex.Message);
            }

            RecordFile.ReplaceAtomically(Path.Combine(dir, "index", "modules.json"), modules.Content!);
            state.ModulesValidator = modules.Validator;
        }

        // Only now, with the index stored: a failure above must make the next check ask again.
        state.DbValidator = db.Validator;
        state.DatabaseModified = modified;
    }

    private Dictionary<string, IReadOnlyList<OsvEntry>> LoadEntries(string dir, VulnDbIndex index, SortedDictionary<string, OsvVersion?> wanted, CacheState state, bool mayFetch, List<VulnDbProblem> problems, TimeSpan? age, CancellationToken cancellationToken)
    {
        var ids = wanted.SelectMany(m => index.EntriesOf(m.Key, m.Value)).GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var missing = ids.Where(p => !File.Exists(EntryPath(dir, p.Key)) || !string.Equals(state.EntryModified(p.Key), p.Value, StringComparison.Ordinal)).ToList();
        if (mayFetch && missing.Count > 0)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, _policy.Parallelism));
            var failures = new ConcurrentQueue<string>();
            var fetched = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            Task.WhenAll(missing.Select(async p =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    Fetched entry = await FetchAsync("ID/" + p.Key + ".json", null, cancellationToken).ConfigureAwait(false);
                    _digest.Entry(p.Key, entry.Content!);
                    RecordFile.ReplaceAtomically(EntryPath(dir, p.Key), entry.Content!);
                    fetched[p.Key] = p.Value;
                }
                catch (FetchException ex)
                {
                    failures.Enqueue(ex.Message);
                }
                catch (FormatException ex)
                {
                    failures.Enqueue(Uri("ID/" + p.Key + ".json") + ": " + ex.Message);
                }
                finally
                {
                    gate.Release();
                }
            })).GetAwaiter().GetResult();

            foreach (KeyValuePair<string, string> p in fetched)
            {
                state.SetEntryModified(p.Key, p.Value);
            }

            foreach (string failure in failures.OrderBy(f => f, StringComparer.Ordinal))
            {
                problems.Add(new VulnDbProblem(failure, age));
            }
        }

        var entries = new Dictionary<string, IReadOnlyList<OsvEntry>>(StringComparer.Ordinal);
        foreach ((string module, OsvVersion? lowest) in wanted.Select(w => (w.Key, w.Value)))
        {
            var list = new List<OsvEntry>();
            foreach (KeyValuePair<string, string> id in index.EntriesOf(module, lowest))
            {
                string path = EntryPath(dir, id.Key);
                if (!File.Exists(path))
                {
                    continue;
                }

                try
                {
                    list.Add(ReadEntry(path, id.Key));
                }
                catch (Exception ex) when (ex is IOException || ex is FormatException)
                {
                    problems.Add(new VulnDbProblem(Describe(ex, path), null));
                }
            }

            entries[module] = list;
        }

        return entries;
    }

    private static string EntryPath(string dir, string id) => Path.Combine(dir, "ID", id + ".json");

    private string Uri(string relative) => new Uri(_source.BaseUri!, relative).AbsoluteUri;

    private Fetched Fetch(string relative, string? validator, CancellationToken cancellationToken) =>
        FetchAsync(relative, validator, cancellationToken).GetAwaiter().GetResult();

    private async Task<Fetched> FetchAsync(string relative, string? validator, CancellationToken cancellationToken)
    {
        string url = Uri(relative);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_policy.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (validator != null)
            {
                // "etag <value>" or "modified <http date>", as stored from the last 200.
                if (validator.StartsWith("etag ", StringComparison.Ordinal))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", validator.Substring(5));
                }
                else if (validator.StartsWith("modified ", StringComparison.Ordinal))
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", validator.Substring(9));
                }
            }

            using HttpResponseMessage response = await _client.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Fetched(null, validator);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            long? length = response.Content.Headers.ContentLength;
            if (length > _policy.MaxBytes)
            {
                throw new FetchException($"{url}: {length} bytes is more than the {_policy.MaxBytes} accepted");
            }

            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var memory = new MemoryStream();
            byte[] buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > _policy.MaxBytes)
                {
                    throw new FetchException($"{url}: more than the {_policy.MaxBytes} bytes accepted");
                }
            }

            if (length.HasValue && memory.Length != length.Value)
            {
                throw new FetchException($"{url}: the response ended after {memory.Length} of {length} bytes");
            }

            string? etag = response.Headers.ETag?.ToString();
            DateTimeOffset? lastModified = response.Content.Headers.LastModified;
            string? newValidator = etag != null ? "etag " + etag : lastModified.HasValue ? "modified " + lastModified.Value.ToString("R", CultureInfo.InvariantCulture) : null;
            return new Fetched(memory.ToArray(), newValidator);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"{url}: no answer within {_policy.RequestTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
        {
            throw new FetchException($"{url}: {Innermost(ex).Message}");
        }
    }

    private string ReadModified(byte[] json)
    {
        try
        {
            var serializer = new DataContractJsonSerializer(typeof(DbData));
            using var stream = new MemoryStream(json, writable: false);
            var data = (DbData?)serializer.ReadObject(stream);
            if (data?.Modified == null)
            {
                throw new FetchException(Uri("index/db.json") + ": no \"modified\" field");
            }

            return data.Modified;
        }
        catch (Exception ex) when (ex is SerializationException || ex is System.Xml.XmlException || ex is InvalidCastException || ex is ArgumentException)
        {
            throw new FetchException(Uri("index/db.json") + ": " + ex.Message);
        }
    }

    // The index, from its digest when this copy was parsed before (only the modules asked for are built).
    private VulnDbIndex ReadIndex(string modulesPath, ICollection<string> modules)
    {
        byte[] json = File.ReadAllBytes(modulesPath);
        try
        {
            return _digest.Index(json, modules);
        }
        catch (FormatException ex)
        {
            throw new FormatException(modulesPath + ": " + ex.Message, ex);
        }
    }

    private OsvEntry ReadEntry(string path, string id) => Parsed(path, json => _digest.Entry(id, json));

    // Parsed files are kept per process by path, size and time: a matrix build audits several
    // outputs against the same entries, and MSBuild runs many projects in one process.
    private static T Parsed<T>(string path, Func<byte[], T> parse)
        where T : class
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("the file does not exist", path);
        }

        if (s_parsed.TryGetValue(path, out (DateTime Time, long Length, object Value) hit) && hit.Time == info.LastWriteTimeUtc && hit.Length == info.Length && hit.Value is T value)
        {
            return value;
        }

        T parsed;
        try
        {
            parsed = parse(File.ReadAllBytes(path));
        }
        catch (FormatException ex)
        {
            throw new FormatException(path + ": " + ex.Message, ex);
        }

        s_parsed[path] = (info.LastWriteTimeUtc, info.Length, parsed);
        return parsed;
    }

    private static string Describe(Exception ex, string path) => ex is FormatException ? ex.Message : path + ": " + ex.Message;

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static void WriteIfDifferent(string path, string text)
    {
        if (!File.Exists(path) || !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            RecordFile.ReplaceAtomically(path, Encoding.UTF8.GetBytes(text));
        }
    }

    private static string ShortHash(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Take(8).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static HttpClient CreateClient(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GoBuild.Sdk/" + typeof(VulnDbClient).Assembly.GetName().Version);
        return client;
    }

    // Redirects are followed by HttpClient, which never goes from https to http; the default proxy honours HTTPS_PROXY.
    private static HttpMessageHandler CreateDefaultHandler()
    {
#if NET
        return new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.GZip };
#else
        return new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip };
#endif
    }

    private sealed class Fetched
    {
        public Fetched(byte[]? content, string? validator)
        {
            Content = content;
            Validator = validator;
        }

        public byte[]? Content { get; }

        public string? Validator { get; }

        public bool NotModified => Content == null;
    }

    private sealed class FetchException : Exception
    {
        public FetchException(string message)
            : base(message)
        {
        }
    }

    [DataContract]
    private sealed class DbData
    {
        [DataMember(Name = "modified")]
        public string? Modified { get; set; }
    }

    // The cache's bookkeeping, one "key value" per line: when the source was last asked and last
    // answered, the validators of the two index files, the database's modified time, and the
    // modified time of each cached entry as the index gave it.
    private sealed class CacheState
    {
        private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

        public DateTimeOffset? Checked { get; set; }

        public DateTimeOffset? Fetched { get; set; }

        public string? DbValidator { get; set; }

        public string? ModulesValidator { get; set; }

        public string DatabaseModified { get; set; } = string.Empty;

        public string? LastFailure { get; set; }

        public string? EntryModified(string id) => _entries.TryGetValue(id, out string? m) ? m : null;

        public void SetEntryModified(string id, string modified) => _entries[id] = modified;

        public static CacheState Load(string path)
        {
            var state = new CacheState();
            if (!File.Exists(path))
            {
                return state;
            }

            foreach (string line in File.ReadAllLines(path))
            {
                int space = line.IndexOf(' ');
                if (space <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, space);
                string value = line.Substring(space + 1);
                switch (key)
                {
                    case "checked":
                        state.Checked = ParseTime(value);
                        break;
                    case "fetched":
                        state.Fetched = ParseTime(value);
                        break;
                    case "db-validator":
                        state.DbValidator = value;
                        break;
                    case "modules-validator":
                        state.ModulesValidator = value;
                        break;
                    case "modified":
                        state.DatabaseModified = value;
                        break;
                    case "failure":
                        state.LastFailure = value;
                        break;
                    case "entry":
                        int sep = value.IndexOf(' ');
                        if (sep > 0)
                        {
                            state._entries[value.Substring(0, sep)] = value.Substring(sep + 1);
                        }

                        break;
                }
            }

            return state;
        }

        public void Save(string path)
        {
            var sb = new StringBuilder();
            if (Checked.HasValue)
            {
                sb.Append("checked ").Append(Checked.Value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)).Append('\n');
            }

            if (Fetched.HasValue)
            {
                sb.Append("fetched ").Append(Fetched.Value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)).Append('\n');
            }

            if (DbValidator != null)
            {
                sb.Append("db-validator ").Append(DbValidator).Append('\n');
            }

            if (ModulesValidator != null)
            {
                sb.Append("modules-validator ").Append(ModulesValidator).Append('\n');
            }

            sb.Append("modified ").Append(DatabaseModified).Append('\n');
            if (LastFailure != null)
            {
                sb.Append("failure ").Append(LastFailure.Replace('\n', ' ')).Append('\n');
            }
            foreach (KeyValuePair<string, string> entry in _entries)
            {
                sb.Append("entry ").Append(entry.Key).Append(' ').Append(entry.Value).Append('\n');
            }

            WriteIfDifferent(path, sb.ToString());
        }

        private static DateTimeOffset? ParseTime(string value) =>
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset t) ? t : null;
    }
}
