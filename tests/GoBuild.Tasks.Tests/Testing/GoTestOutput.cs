using GoBuild.Tasks.Testing;

namespace GoBuild.Tasks.Tests.Testing;

/// <summary>go test -json output recorded from real runs (Go 1.26 and 1.22) of a module with passing, failing, skipped and panicking tests.</summary>
internal static class GoTestOutput
{
    /// <summary>Go 1.26: build errors arrive as build-output events.</summary>
    public const string Go126 = """
        {"ImportPath":"example.com/gt/broken [example.com/gt/broken.test]","Action":"build-output","Output":"# example.com/gt/broken [example.com/gt/broken.test]\n"}
        {"ImportPath":"example.com/gt/broken [example.com/gt/broken.test]","Action":"build-output","Output":"broken/b_test.go:5:40: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"}
        {"ImportPath":"example.com/gt/broken [example.com/gt/broken.test]","Action":"build-fail"}
        {"Time":"2026-11-21T00:37:25.342869352Z","Action":"start","Package":"example.com/gt/broken"}
        {"Time":"2026-11-21T00:37:25.343938512Z","Action":"output","Package":"example.com/gt/broken","Output":"FAIL\texample.com/gt/broken [build failed]\n"}
        {"Time":"2026-11-21T00:37:25.343944992Z","Action":"fail","Package":"example.com/gt/broken","Elapsed":0.001,"FailedBuild":"example.com/gt/broken [example.com/gt/broken.test]"}
        {"Time":"2026-11-21T00:37:25.350080261Z","Action":"start","Package":"example.com/gt/calc"}
        {"Time":"2026-11-21T00:37:25.354392371Z","Action":"run","Package":"example.com/gt/calc","Test":"TestAdd"}
        {"Time":"2026-11-21T00:37:25.354411231Z","Action":"output","Package":"example.com/gt/calc","Test":"TestAdd","Output":"=== RUN   TestAdd\n"}
        {"Time":"2026-11-21T00:37:25.354442701Z","Action":"output","Package":"example.com/gt/calc","Test":"TestAdd","Output":"    calc_test.go:9: fine\n"}
        {"Time":"2026-11-21T00:37:25.354451061Z","Action":"output","Package":"example.com/gt/calc","Test":"TestAdd","Output":"--- PASS: TestAdd (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.354453651Z","Action":"pass","Package":"example.com/gt/calc","Test":"TestAdd","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.354457741Z","Action":"run","Package":"example.com/gt/calc","Test":"TestSub"}
        {"Time":"2026-11-21T00:37:25.354459501Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub","Output":"=== RUN   TestSub\n"}
        {"Time":"2026-11-21T00:37:25.354461011Z","Action":"run","Package":"example.com/gt/calc","Test":"TestSub/one"}
        {"Time":"2026-11-21T00:37:25.354462031Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub/one","Output":"=== RUN   TestSub/one\n"}
        {"Time":"2026-11-21T00:37:25.354463321Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub/one","Output":"    calc_test.go:13: expected 1, got 2\n"}
        {"Time":"2026-11-21T00:37:25.354465281Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub/one","Output":"--- FAIL: TestSub/one (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.354466601Z","Action":"fail","Package":"example.com/gt/calc","Test":"TestSub/one","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.354467951Z","Action":"run","Package":"example.com/gt/calc","Test":"TestSub/two"}
        {"Time":"2026-11-21T00:37:25.354468851Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub/two","Output":"=== RUN   TestSub/two\n"}
        {"Time":"2026-11-21T00:37:25.354470131Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub/two","Output":"--- PASS: TestSub/two (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.354471181Z","Action":"pass","Package":"example.com/gt/calc","Test":"TestSub/two","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.354475411Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSub","Output":"--- FAIL: TestSub (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.354476551Z","Action":"fail","Package":"example.com/gt/calc","Test":"TestSub","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.354479181Z","Action":"run","Package":"example.com/gt/calc","Test":"TestSkip"}
        {"Time":"2026-11-21T00:37:25.354480561Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSkip","Output":"=== RUN   TestSkip\n"}
        {"Time":"2026-11-21T00:37:25.354488241Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSkip","Output":"    calc_test.go:17: later\n"}
        {"Time":"2026-11-21T00:37:25.354492781Z","Action":"output","Package":"example.com/gt/calc","Test":"TestSkip","Output":"--- SKIP: TestSkip (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.354494381Z","Action":"skip","Package":"example.com/gt/calc","Test":"TestSkip","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.354499891Z","Action":"run","Package":"example.com/gt/calc","Test":"TestPanic"}
        {"Time":"2026-11-21T00:37:25.354501191Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"=== RUN   TestPanic\n"}
        {"Time":"2026-11-21T00:37:25.354503071Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"--- FAIL: TestPanic (0.00s)\n"}
        {"Time":"2026-11-21T00:37:25.356617151Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"panic: assignment to entry in nil map [recovered, repanicked]\n"}
        {"Time":"2026-11-21T00:37:25.356630301Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"\n"}
        {"Time":"2026-11-21T00:37:25.356632291Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"goroutine 11 [running]:\n"}
        {"Time":"2026-11-21T00:37:25.356635031Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"testing.tRunner.func1.2({0x55a7a0, 0x6cce30})\n"}
        {"Time":"2026-11-21T00:37:25.356636391Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"\t/go/src/testing/testing.go:1974 +0x232\n"}
        {"Time":"2026-11-21T00:37:25.356643691Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"example.com/gt/calc.TestPanic(0x3d5935332d88?)\n"}
        {"Time":"2026-11-21T00:37:25.356644851Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"\t/src/gt/calc/calc_test.go:19 +0x28\n"}
        {"Time":"2026-11-21T00:37:25.356647571Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"testing.tRunner(0x3d5935332d88, 0x592e90)\n"}
        {"Time":"2026-11-21T00:37:25.356648811Z","Action":"output","Package":"example.com/gt/calc","Test":"TestPanic","Output":"\t/go/src/testing/testing.go:2036 +0xea\n"}
        {"Time":"2026-11-21T00:37:25.356888821Z","Action":"fail","Package":"example.com/gt/calc","Test":"TestPanic","Elapsed":0}
        {"Time":"2026-11-21T00:37:25.356903841Z","Action":"output","Package":"example.com/gt/calc","Output":"FAIL\texample.com/gt/calc\t0.007s\n"}
        {"Time":"2026-11-21T00:37:25.356912121Z","Action":"fail","Package":"example.com/gt/calc","Elapsed":0.007}
        {"Time":"2026-11-21T00:37:25.36Z","Action":"start","Package":"example.com/gt/empty"}
        {"Time":"2026-11-21T00:37:25.37Z","Action":"output","Package":"example.com/gt/empty","Output":"?   \texample.com/gt/empty\t[no test files]\n"}
        {"Time":"2026-11-21T00:37:25.37Z","Action":"skip","Package":"example.com/gt/empty","Elapsed":0}
        """;

    /// <summary>Go 1.22: the build failure shows only as a package line; its errors go to stderr.</summary>
    public const string Go122BuildFailure = """
        {"Time":"2026-11-21T00:37:42.934636303Z","Action":"start","Package":"example.com/gt/broken"}
        {"Time":"2026-11-21T00:37:42.935514573Z","Action":"output","Package":"example.com/gt/broken","Output":"FAIL\texample.com/gt/broken [build failed]\n"}
        {"Time":"2026-11-21T00:37:42.935522113Z","Action":"fail","Package":"example.com/gt/broken","Elapsed":0.001}
        """;

    /// <summary>A test binary that exits from TestMain after its tests passed.</summary>
    public const string TestMainExit = """
        {"Time":"2026-11-21T00:00:00Z","Action":"start","Package":"example.com/m"}
        {"Time":"2026-11-21T00:00:00.1Z","Action":"run","Package":"example.com/m","Test":"TestOk"}
        {"Time":"2026-11-21T00:00:00.1Z","Action":"pass","Package":"example.com/m","Test":"TestOk","Elapsed":0}
        {"Time":"2026-11-21T00:00:00.2Z","Action":"output","Package":"example.com/m","Output":"setup failed: no database\n"}
        {"Time":"2026-11-21T00:00:00.2Z","Action":"output","Package":"example.com/m","Output":"FAIL\texample.com/m\t0.010s\n"}
        {"Time":"2026-11-21T00:00:00.2Z","Action":"fail","Package":"example.com/m","Elapsed":0.01}
        """;

    /// <summary>A test still running when the binary died (no end event).</summary>
    public const string Crash = """
        {"Time":"2026-11-21T00:00:00Z","Action":"start","Package":"example.com/m"}
        {"Time":"2026-11-21T00:00:00.1Z","Action":"run","Package":"example.com/m","Test":"TestHang"}
        {"Time":"2026-11-21T00:00:00.1Z","Action":"run","Package":"example.com/m","Test":"TestHang/inner"}
        {"Time":"2026-11-21T00:00:01Z","Action":"output","Package":"example.com/m","Test":"TestHang/inner","Output":"panic: test timed out after 1s\n"}
        """;

    public static GoTestRun Feed(string output)
    {
        var run = new GoTestRun();
        foreach (string line in output.Split('\n'))
        {
            run.Feed(line);
        }

        run.Complete();
        return run;
    }
}
