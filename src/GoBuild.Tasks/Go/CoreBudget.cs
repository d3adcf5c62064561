using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GoBuild.Tasks.Go;

/// <summary>
/// How many cores the go processes of one task may use: GoBuildParallelism when set, else the
/// machine's processors limited by the CPU quota of the cgroup the build runs in (systemd
/// <c>CPUQuota</c>, a container's <c>--cpus</c>), which Go before 1.25 ignores: it would start a
/// compiler per host core and get throttled. MSBuild's resource manager then grants part of it.
/// </summary>
public static class CoreBudget
{
    /// <summary>The cores to ask MSBuild for; always at least 1.</summary>
    /// <param name="parallelism">GoBuildParallelism (already checked), or null.</param>
    /// <param name="processorCount">The processors .NET sees.</param>
    /// <param name="cgroupCores">The cgroup's quota in cores, rounded up; null when unlimited.</param>
    public static int Decide(int? parallelism, int processorCount, int? cgroupCores)
    {
        if (parallelism is > 0)
        {
            return parallelism.Value;
        }

        int cores = Math.Max(1, processorCount);
        return cgroupCores is > 0 ? Math.Min(cores, cgroupCores.Value) : cores;
    }

    /// <summary>
    /// GoBuildParallelism: empty for "decide", else a whole number from 1 up.
    /// </summary>
    /// <exception cref="GoBuildException">GOB2060 for anything else.</exception>
    public static int? ParseParallelism(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1)
        {
            return n;
        }

        throw new GoBuildException("InvalidParallelism", value!);
    }

    /// <summary>The cgroup CPU quota of this process in whole cores (rounded up), or null.</summary>
    public static int? CgroupCores() => CgroupCores(ReadFileOrNull);

    /// <summary>
    /// The cgroup CPU quota read through <paramref name="readFile"/> (a path to its content, null
    /// when absent): cgroup v2 <c>cpu.max</c> (<c>quota period</c> or <c>max period</c>) and v1
    /// <c>cpu.cfs_quota_us</c>/<c>cpu.cfs_period_us</c>, in the process's group and every group
    /// above it (a parent's limit binds its children), the smallest one. Null when none is set.
    /// </summary>
    public static int? CgroupCores(Func<string, string?> readFile)
    {
        string? membership = readFile("/proc/self/cgroup");
        if (membership == null)
        {
            return null;
        }

        double? limit = null;
        foreach (string line in membership.Split('\n'))
        {
            // hierarchy-id:controllers:path
            string[] parts = line.Trim().Split(new[] { ':' }, 3);
            if (parts.Length != 3)
            {
                continue;
            }

            if (parts[0] == "0" && parts[1].Length == 0)
            {
                foreach (string dir in SelfAndParents(parts[2]))
                {
                    limit = Min(limit, ParseCpuMax(readFile("/sys/fs/cgroup" + dir + "cpu.max")));
                }
            }
            else if (Array.IndexOf(parts[1].Split(','), "cpu") >= 0)
            {
                foreach (string mount in new[] { "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu" })
                {
                    foreach (string dir in SelfAndParents(parts[2]))
                    {
                        limit = Min(limit, ParseCfs(readFile(mount + dir + "cpu.cfs_quota_us"), readFile(mount + dir + "cpu.cfs_period_us")));
                    }
                }
            }
        }

        return limit == null ? null : Math.Max(1, (int)Math.Ceiling(limit.Value - 1e-9));
    }

    // "/a/b" -> "/a/b/", "/a/", "/": each with a trailing slash, for appending a file name.
    private static IEnumerable<string> SelfAndParents(string path)
    {
        string dir = "/" + path.Trim().Trim('/');
        while (true)
        {
            yield return dir.EndsWith("/", StringComparison.Ordinal) ? dir : dir + "/";
            if (dir == "/")
            {
                yield break;
            }

            int slash = dir.LastIndexOf('/');
            dir = slash <= 0 ? "/" : dir.Substring(0, slash);
        }
    }

    private static double? ParseCpuMax(string? text)
    {
        string[] fields = (text ?? string.Empty).Trim().Split(' ');
        if (fields.Length != 2 || fields[0] == "max")
        {
            return null;
        }

        return Ratio(fields[0], fields[1]);
    }

    private static double? ParseCfs(string? quota, string? period) =>
        quota == null || period == null ? null : Ratio(quota.Trim(), period.Trim());

    private static double? Ratio(string quota, string period)
    {
        // A quota of -1 (v1) means none; anything unreadable is treated as none too.
        if (!long.TryParse(quota, NumberStyles.Integer, CultureInfo.InvariantCulture, out long q) || q <= 0 ||
            !long.TryParse(period, NumberStyles.Integer, CultureInfo.InvariantCulture, out long p) || p <= 0)
        {
            return null;
        }

        return (double)q / p;
    }

    private static double? Min(double? a, double? b) => a == null ? b : b == null ? a : Math.Min(a.Value, b.Value);

    private static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
