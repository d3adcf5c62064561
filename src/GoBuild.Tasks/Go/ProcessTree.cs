using System;
using System.Diagnostics;
#if !NET
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
#endif

namespace GoBuild.Tasks.Go;

/// <summary>Kills a process and every process it started.</summary>
internal static class ProcessTree
{
    public static void Kill(Process process)
    {
        try
        {
#if NET
            process.Kill(entireProcessTree: true);
#else
            // netstandard2.0 has no tree kill. Hand-written: taskkill on Windows, /proc on Linux.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                using Process? taskkill = Process.Start(new ProcessStartInfo("taskkill", $"/T /F /PID {process.Id}") { UseShellExecute = false, CreateNoWindow = true });
                taskkill?.WaitForExit(10_000);
            }
            else
            {
                KillUnixTree(process.Id);
            }
#endif
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while we killed it.
        }
    }

#if !NET
    private static void KillUnixTree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        if (Directory.Exists("/proc"))
        {
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid))
                {
                    continue;
                }

                try
                {
                    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
                    string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    string[] rest = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                    int parent = int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
                    if (!children.TryGetValue(parent, out List<int>? list))
                    {
                        children[parent] = list = new List<int>();
                    }

                    list.Add(pid);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
                catch (FormatException)
                {
                }
            }
        }

        // Parent first, so it cannot start new children while we kill the ones we found.
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            int pid = queue.Dequeue();
            try
            {
                using Process p = Process.GetProcessById(pid);
                p.Kill();
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }

            if (children.TryGetValue(pid, out List<int>? list))
            {
                foreach (int child in list)
                {
                    queue.Enqueue(child);
                }
            }
        }
    }
#endif
}
