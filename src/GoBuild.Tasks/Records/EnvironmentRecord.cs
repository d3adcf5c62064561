using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GoBuild.Tasks.Go;

namespace GoBuild.Tasks.Records;

/// <summary>
/// The environment of one kind of go process (<c>&lt;key&gt;.env</c> for a target's build,
/// <c>restore.env</c>, <c>verify.env</c>, <c>test.env</c>, <c>exports.env</c>), as the decision
/// task decided it: <c>set NAME=value</c> for what the SDK decides, <c>pass NAME</c> for what go
/// gets from the build's own environment. Values of <c>pass</c> names (credentials of
/// GoPassEnvironment, proxies, the user's folders) are never written: the task that starts go
/// reads them from its process environment then. GOROOT is the toolchain's, added at run time
/// too (the decision does not depend on which toolchain was installed).
/// </summary>
public static class EnvironmentRecord
{
    /// <summary>The lines of a record that sets <paramref name="set"/> and passes <paramref name="pass"/>.</summary>
    /// <exception cref="GoBuildException">GOB2011 when a value holds a line break.</exception>
    public static IReadOnlyList<string> Lines(IEnumerable<KeyValuePair<string, string>> set, IEnumerable<string> pass)
    {
        var lines = new List<string>();
        lines.AddRange(pass.Select(name => "pass " + name));
        foreach (KeyValuePair<string, string> variable in set)
        {
            if (variable.Value.IndexOf('\n') >= 0 || variable.Value.IndexOf('\r') >= 0)
            {
                throw new GoBuildException("RecordFieldInvalid", variable.Key + "=" + variable.Value);
            }

            lines.Add("set " + variable.Key + "=" + variable.Value);
        }

        return lines;
    }

    /// <summary>
    /// The child environment of a record: the <c>pass</c> variables that <paramref name="ambient"/>
    /// has, then the <c>set</c> ones, then GOROOT = <paramref name="goRoot"/>.
    /// </summary>
    public static Dictionary<string, string> Load(string path, string goRoot, Func<string, string?> ambient)
    {
        var env = new Dictionary<string, string>(GoEnvironment.NameComparer);
        string[] lines = File.ReadAllLines(path);
        foreach (string line in lines.Where(l => l.StartsWith("pass ", StringComparison.Ordinal)))
        {
            string name = line.Substring("pass ".Length);
            string? value = ambient(name);
            if (!string.IsNullOrEmpty(value))
            {
                env[name] = value!;
            }
        }

        foreach (string line in lines.Where(l => l.StartsWith("set ", StringComparison.Ordinal)))
        {
            int equals = line.IndexOf('=');
            env[line.Substring(4, equals - 4)] = line.Substring(equals + 1);
        }

        env["GOROOT"] = goRoot;

        // Go refuses to run without a home on some systems; give it the SDK's cache folder.
        if (!env.ContainsKey("HOME") && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && env.TryGetValue("GOPATH", out string? goPath))
        {
            env["HOME"] = Path.GetDirectoryName(goPath)!;
        }

        return env;
    }

    /// <summary>The <c>-mod</c> value of a loaded environment's GOFLAGS (readonly when none).</summary>
    public static string ModMode(IReadOnlyDictionary<string, string> environment)
    {
        string flags = environment.TryGetValue("GOFLAGS", out string? value) ? value : string.Empty;
        string? mod = flags.Split(' ').FirstOrDefault(f => f.StartsWith("-mod=", StringComparison.Ordinal));
        return mod == null ? "readonly" : mod.Substring("-mod=".Length);
    }
}
