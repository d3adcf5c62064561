using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GoBuild.Tasks.Toolchain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>Downloads of the real archives from a loopback mirror that misbehaves on demand.</summary>
[TestClass]
public sealed class ArchiveDownloaderTests
{
    private const string Archive = "go1.22.12.linux-amd64.tar.gz";

    private static readonly DownloadPolicy s_fast = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        IdleTimeout = TimeSpan.FromSeconds(2),
        ProgressInterval = TimeSpan.Zero,
    };

    private static ToolchainArchive s_expected = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        string index = Path.Combine(RepoPaths.GoMirror, "index.json");
        Assert.IsTrue(File.Exists(index), "Run eng/get-go.sh: " + index);
        s_expected = ToolchainIndex.Parse(File.ReadAllBytes(index), index).Find("go1.22.12")!.ArchiveFor(new HostPlatform("linux", "amd64"))!;
    }

    [TestMethod]
    public void Download_RealArchive_HashesWhileStreaming_AndMatchesTheIndex()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        var log = new RecordingToolchainLog();

        DownloadResult result = Download(mirror, log, out string file);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(s_expected.Size, new FileInfo(file).Length);
        Assert.AreEqual(1, mirror.Count(Archive));
        // A few progress lines, not one per buffer.
        Assert.IsTrue(log.Count("DownloadProgress") <= 10, log.ToString());
        Assert.AreEqual(1, log.Count("DownloadFinished"), log.ToString());
    }

    [TestMethod]
    public void Download_ServerErrorThenSuccess_RetriesAndSucceeds()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.ServerError);
        var log = new RecordingToolchainLog();

        DownloadResult result = Download(mirror, log, out _);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(2, mirror.Count(Archive));
        Assert.AreEqual(1, log.Count("DownloadRetrying"), log.ToString());
    }

    [TestMethod]
    public void Download_ConnectionCutHalfway_RetriesFromTheStart()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.CutHalfway);

        DownloadResult result = Download(mirror, new RecordingToolchainLog(), out string file);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(s_expected.Size, new FileInfo(file).Length);
        Assert.AreEqual(2, mirror.Count(Archive));
    }

    [TestMethod]
    public void Download_SlowBody_Succeeds()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.SlowBody);

        DownloadResult result = Download(mirror, new RecordingToolchainLog(), out _);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(1, mirror.Count(Archive));
    }

    [TestMethod]
    public void Download_StalledBody_TimesOutAndRetries()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.StallHalfway);
        var log = new RecordingToolchainLog();

        DownloadResult result = Download(mirror, log, out _);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(2, mirror.Count(Archive));
        StringAssert.Contains(log.ToString(), "no data for 2 s");
    }

    [TestMethod]
    public void Download_WrongBytes_GivesAnotherHash()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.WrongBytes);

        DownloadResult result = Download(mirror, new RecordingToolchainLog(), out _);

        Assert.AreNotEqual(s_expected.Sha256, result.Sha256);
        Assert.AreEqual(s_expected.Size, result.Length);
    }

    [TestMethod]
    public void Download_NotFound_FailsAtOnceWithGOB1010()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.NotFound);

        string message = TestArchives.AssertFails("GOB1010", () => Download(mirror, new RecordingToolchainLog(), out _));

        StringAssert.Contains(message, "404");
        Assert.AreEqual(1, mirror.Count(Archive));
    }

    [TestMethod]
    public void Download_FailingEveryAttempt_FailsWithGOB1010_AfterBoundedRetries()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, Enumerable.Repeat(MirrorFault.ServerError, 10).ToArray());

        string message = TestArchives.AssertFails("GOB1010", () => Download(mirror, new RecordingToolchainLog(), out _));

        StringAssert.Contains(message, "HTTP 500");
        Assert.AreEqual(s_fast.MaxAttempts, mirror.Count(Archive));
    }

    [TestMethod]
    public void Download_MoreBytesThanExpected_FailsWithGOB1012()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        string file = Path.Combine(RepoPaths.NewTempDirectory("download"), Archive);
        var downloader = new ArchiveDownloader(allowHttp: true, new RecordingToolchainLog(), s_fast);

        TestArchives.AssertFails("GOB1012", () => downloader.DownloadToFileAsync(new Uri(mirror.BaseUri, Archive).AbsoluteUri, file, s_expected.Size - 1000, CancellationToken.None).GetAwaiter().GetResult());
    }

    [TestMethod]
    public void Download_RedirectWithinHttpMirror_IsFollowed()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.Redirect);

        DownloadResult result = Download(mirror, new RecordingToolchainLog(), out _);

        Assert.AreEqual(s_expected.Sha256, result.Sha256);
        CollectionAssert.AreEqual(new[] { Archive, "moved/" + Archive }, mirror.Requests.ToArray());
    }

    [TestMethod]
    public void Download_RedirectFromHttpsToHttp_IsRefusedWithGOB1011()
    {
        var handler = new RedirectingHandler(new Uri("http://mirror.example/go.tar.gz"));
        var downloader = new ArchiveDownloader(allowHttp: true, new RecordingToolchainLog(), s_fast, handler);
        string file = Path.Combine(RepoPaths.NewTempDirectory("download"), "go.tar.gz");

        string message = TestArchives.AssertFails("GOB1011", () => downloader.DownloadToFileAsync("https://mirror.example/go.tar.gz", file, 0, CancellationToken.None).GetAwaiter().GetResult());

        StringAssert.Contains(message, "http://mirror.example/go.tar.gz");
        Assert.AreEqual(1, handler.Requests);
    }

    [TestMethod]
    public void Download_Cancelled_StopsAStalledTransfer()
    {
        using LoopbackMirror mirror = LoopbackMirror.StartGoMirror();
        mirror.Fail(Archive, MirrorFault.StallHalfway);
        var policy = new DownloadPolicy { IdleTimeout = TimeSpan.FromMinutes(5) };
        var downloader = new ArchiveDownloader(allowHttp: true, new RecordingToolchainLog(), policy);
        string file = Path.Combine(RepoPaths.NewTempDirectory("download"), Archive);
        using var cancel = new CancellationTokenSource();

        Task<DownloadResult> download = downloader.DownloadToFileAsync(new Uri(mirror.BaseUri, Archive).AbsoluteUri, file, s_expected.Size, cancel.Token);
        Assert.IsTrue(mirror.Stalled.Wait(TimeSpan.FromSeconds(30)));
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => download.GetAwaiter().GetResult());
    }

    private static DownloadResult Download(LoopbackMirror mirror, RecordingToolchainLog log, out string file)
    {
        file = Path.Combine(RepoPaths.NewTempDirectory("download"), Archive);
        var downloader = new ArchiveDownloader(allowHttp: true, log, s_fast);
        return downloader.DownloadToFileAsync(new Uri(mirror.BaseUri, Archive).AbsoluteUri, file, s_expected.Size, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Answers every request with a redirect to <c>Location</c>.</summary>
    private sealed class RedirectingHandler : HttpMessageHandler
    {
        private readonly Uri _location;

        public RedirectingHandler(Uri location) => _location = location;

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = _location;
            return Task.FromResult(response);
        }
    }
}
