using System.Collections.Generic;
using GoBuild.Tasks.Go;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Go;

[TestClass]
public sealed class CoreBudgetTests
{
    [TestMethod]
    public void CgroupCores_V2QuotaOfOneAndAHalfCores_RoundsUpToTwo()
    {
        var files = new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/system.slice/build.service\n",
            ["/sys/fs/cgroup/system.slice/build.service/cpu.max"] = "150000 100000\n",
        };

        Assert.AreEqual(2, CoreBudget.CgroupCores(p => files.TryGetValue(p, out string? v) ? v : null));
    }

    [TestMethod]
    public void CgroupCores_V2ParentLimitSmallerThanChild_TakesTheParent()
    {
        var files = new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/a/b\n",
            ["/sys/fs/cgroup/a/b/cpu.max"] = "max 100000\n",
            ["/sys/fs/cgroup/a/cpu.max"] = "100000 100000\n",
        };

        Assert.AreEqual(1, CoreBudget.CgroupCores(p => files.TryGetValue(p, out string? v) ? v : null));
    }

    [TestMethod]
    public void CgroupCores_V1CfsQuota_IsRead()
    {
        var files = new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "4:memory:/x\n2:cpu,cpuacct:/docker/abc\n",
            ["/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us"] = "300000\n",
            ["/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us"] = "100000\n",
        };

        Assert.AreEqual(3, CoreBudget.CgroupCores(p => files.TryGetValue(p, out string? v) ? v : null));
    }

    [TestMethod]
    [DataRow("-1")]
    [DataRow("garbage")]
    public void CgroupCores_V1NoQuota_IsNull(string quota)
    {
        var files = new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "1:cpu:/\n",
            ["/sys/fs/cgroup/cpu/cpu.cfs_quota_us"] = quota,
            ["/sys/fs/cgroup/cpu/cpu.cfs_period_us"] = "100000",
        };

        Assert.IsNull(CoreBudget.CgroupCores(p => files.TryGetValue(p, out string? v) ? v : null));
    }

    [TestMethod]
    public void CgroupCores_NoCgroupFile_IsNull()
    {
        Assert.IsNull(CoreBudget.CgroupCores(_ => null));
    }

    [TestMethod]
    [DataRow(null, 8, null, 8)]
    [DataRow(null, 8, 2, 2)]
    [DataRow(null, 2, 4, 2)]
    [DataRow(3, 8, 2, 3)]
    [DataRow(null, 0, null, 1)]
    public void Decide_TakesTheOverrideElseTheSmallerOfProcessorsAndQuota(int? parallelism, int processors, int? quota, int expected)
    {
        Assert.AreEqual(expected, CoreBudget.Decide(parallelism, processors, quota));
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-2")]
    [DataRow("two")]
    [DataRow("1.5")]
    public void ParseParallelism_NotAWholeNumberFromOne_IsGOB2060(string value)
    {
        GoBuildException error = Assert.ThrowsExactly<GoBuildException>(() => CoreBudget.ParseParallelism(value));
        StringAssert.StartsWith(Resources.Format(error.ResourceName, error.Arguments), "GOB2060");
    }

    [TestMethod]
    public void ParseParallelism_EmptyOrNumber()
    {
        Assert.IsNull(CoreBudget.ParseParallelism(" "));
        Assert.AreEqual(4, CoreBudget.ParseParallelism(" 4 "));
    }
}

[TestClass]
public sealed class CoreSlotsTests
{
    [TestMethod]
    public void Acquire_TakesAtMostTheBudget_AndAnotherWaitsUntilOneIsFree()
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gobuild-slots-" + System.Guid.NewGuid().ToString("N"));
        using (CoreSlots first = CoreSlots.Acquire(dir, 3, 2, () => Assert.Fail("the first must not wait"), default))
        {
            Assert.AreEqual(2, first.Count);

            bool waited = false;
            using var cancel = new System.Threading.CancellationTokenSource(System.TimeSpan.FromMilliseconds(300));
            Assert.ThrowsExactly<System.OperationCanceledException>(() => CoreSlots.Acquire(dir, 1, 2, () => waited = true, cancel.Token));
            Assert.IsTrue(waited);
        }

        using CoreSlots again = CoreSlots.Acquire(dir, 1, 2, () => Assert.Fail("slots were not given back"), default);
        Assert.AreEqual(1, again.Count);
    }

    [TestMethod]
    public void TakeCacheTurn_WaitsWhileAnotherGoUsesTheSameBuildCache_NotForAnotherCache()
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gobuild-slots-" + System.Guid.NewGuid().ToString("N"));
        string cacheA = System.IO.Path.Combine(dir, "cache-a");
        using (CoreSlots.TakeCacheTurn(dir, cacheA, () => Assert.Fail("the first must not wait"), default))
        {
            bool waited = false;
            using var cancel = new System.Threading.CancellationTokenSource(System.TimeSpan.FromMilliseconds(300));
            Assert.ThrowsExactly<System.OperationCanceledException>(() => CoreSlots.TakeCacheTurn(dir, cacheA, () => waited = true, cancel.Token));
            Assert.IsTrue(waited);

            using (CoreSlots.TakeCacheTurn(dir, System.IO.Path.Combine(dir, "cache-b"), () => Assert.Fail("another cache must not wait"), default))
            {
            }
        }

        using (CoreSlots.TakeCacheTurn(dir, cacheA, () => Assert.Fail("the turn was not given back"), default))
        {
        }
    }
}
