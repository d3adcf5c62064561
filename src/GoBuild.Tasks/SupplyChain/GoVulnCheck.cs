using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading;
using GoBuild.Tasks.Go;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// Symbol-level refinement of GOB3101 with govulncheck (GoVulnCheck): <c>govulncheck -mode binary
/// -json -db &lt;data&gt; &lt;output&gt;</c> reads the functions compiled into the output and reports, per
/// entry, the affected functions it calls. It needs the symbol table: on a stripped output
/// (GoStrip, the Release default) govulncheck counts every affected function as called.
/// </summary>
public static class GoVulnCheck
{
    /// <summary>The arguments for one output.</summary>
    public static IReadOnlyList<string> Arguments(string databaseUrl, string binary) =>
        new[] { "-mode", "binary", "-json", "-db", databaseUrl, binary };

    /// <summary>Runs govulncheck; the entries it found in <paramref name="binary"/>, each with the affected functions the output calls (empty: linked, not called).</summary>
    /// <exception cref="GoBuildException">GOB3107 when govulncheck cannot run or fails.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Run(string executable, string databaseUrl, string binary, string workingDirectory, CancellationToken cancellationToken)
    {
        var stdout = new StringBuilder();
        var stderr = new List<string>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "PATH", "HOME", "TMPDIR", "SystemRoot", "TEMP", "TMP", "HTTPS_PROXY", "NO_PROXY" })
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value))
            {
                env[name] = value!;
            }
        }

        int exit;
        try
        {
            exit = new GoProcessRunner(executable).Run(Arguments(databaseUrl, binary), workingDirectory, env, (line, isError) =>
            {
                if (isError)
                {
                    stderr.Add(line);
                }
                else
                {
                    stdout.Append(line).Append('\n');
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is IOException || ex is InvalidOperationException)
        {
            throw new GoBuildException("VulnCheckFailed", executable, binary, -1, ex.Message);
        }

        // Exit code 3 means "vulnerabilities found" in text mode; with -json it is 0 either way.
        if (exit != 0 && exit != 3)
        {
            throw new GoBuildException("VulnCheckFailed", executable, binary, exit, string.Join(" ", stderr.Take(5)));
        }

        try
        {
            return Parse(stdout.ToString());
        }
        catch (FormatException ex)
        {
            throw new GoBuildException("VulnCheckFailed", executable, binary, exit, ex.Message);
        }
    }

    /// <summary>
    /// Reads govulncheck's <c>-json</c> stream (one JSON object after another: config, progress,
    /// osv, finding, …): per entry ID, the called functions of its symbol-level findings.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string output)
    {
        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (string json in SplitObjects(output))
        {
            MessageData? message;
            try
            {
                var serializer = new DataContractJsonSerializer(typeof(MessageData));
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false);
                message = (MessageData?)serializer.ReadObject(stream);
            }
            catch (Exception ex) when (ex is SerializationException || ex is System.Xml.XmlException || ex is InvalidCastException || ex is ArgumentException)
            {
                throw new FormatException("govulncheck's output is not the JSON it documents: " + ex.Message, ex);
            }

            FindingData? finding = message?.Finding;
            if (finding?.Osv == null)
            {
                continue;
            }

            if (!found.TryGetValue(finding.Osv, out SortedSet<string>? called))
            {
                called = new SortedSet<string>(StringComparer.Ordinal);
                found[finding.Osv] = called;
            }

            FrameData? frame = finding.Trace?.FirstOrDefault();
            if (frame != null && !string.IsNullOrEmpty(frame.Function))
            {
                called.Add(frame.Package + "." + (string.IsNullOrEmpty(frame.Receiver) ? string.Empty : frame.Receiver!.TrimStart('*') + ".") + frame.Function);
            }
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToList(), StringComparer.Ordinal);
    }

    private static IEnumerable<string> SplitObjects(string text)
    {
        int depth = 0;
        int start = -1;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    if (depth++ == 0)
                    {
                        start = i;
                    }

                    break;
                case '}':
                    if (--depth == 0)
                    {
                        yield return text.Substring(start, i - start + 1);
                    }
                    else if (depth < 0)
                    {
                        throw new FormatException("unbalanced braces in govulncheck's output");
                    }

                    break;
            }
        }
    }

    [DataContract]
    private sealed class MessageData
    {
        [DataMember(Name = "finding")]
        public FindingData? Finding { get; set; }
    }

    [DataContract]
    private sealed class FindingData
    {
        [DataMember(Name = "osv")]
        public string? Osv { get; set; }

        [DataMember(Name = "trace")]
        public FrameData[]? Trace { get; set; }
    }

    [DataContract]
    private sealed class FrameData
    {
        [DataMember(Name = "package")]
        public string? Package { get; set; }

        [DataMember(Name = "function")]
        public string? Function { get; set; }

        [DataMember(Name = "receiver")]
        public string? Receiver { get; set; }
    }
}
