using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.Interop;

/// <summary>
/// Lists a package's exports: <c>go list</c> says which files a build for the platform compiles
/// (go's own GOOS/GOARCH/tag/cgo selection), and the goexports helper parses them with go/parser and
/// go/ast, as go does (a regex would not). The helper is a small Go program shipped as source in the
/// SDK package, built once per toolchain and helper version into the per-user cache
/// (<c>tools/goexports-&lt;hash&gt;/&lt;go version&gt;/</c>) with the project's own toolchain.
/// </summary>
public sealed class GoExportLister
{
    private readonly GoToolchain _toolchain;
    private readonly string _helperSource;
    private readonly string _cacheRoot;
    private readonly Action<string> _log;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<string, GoExportList> _parsed = new(StringComparer.Ordinal);

    /// <summary>Creates the lister.</summary>
    /// <param name="toolchain">The project's toolchain: builds the helper.</param>
    /// <param name="helperSource">The folder with the helper's main.go and go.mod.</param>
    /// <param name="cacheRoot">The per-user GoBuild folder.</param>
    /// <param name="log">Receives the command lines run.</param>
    /// <param name="cancellation">Stops the processes.</param>
    public GoExportLister(GoToolchain toolchain, string helperSource, string cacheRoot, Action<string> log, CancellationToken cancellation)
    {
        _toolchain = toolchain;
        _helperSource = helperSource;
        _cacheRoot = cacheRoot;
        _log = log;
        _cancellation = cancellation;
    }

    /// <summary>The exports of the package in <paramref name="packageDirectory"/> for the platform in <paramref name="environment"/> (GOOS, GOARCH, CGO_ENABLED).</summary>
    /// <exception cref="GoBuildException">GOB5106: go list or the helper failed on the package.</exception>
    public GoExportList List(string packageDirectory, IEnumerable<string> tags, IReadOnlyDictionary<string, string> environment)
    {
        var listArgs = new List<string> { "list", "-e" };
        string joined = string.Join(",", tags);
        if (joined.Length > 0)
        {
            listArgs.Add("-tags=" + joined);
        }

        listArgs.AddRange(new[] { "-f", "{{.Dir}}{{range .GoFiles}}\t{{.}}{{end}}{{range .CgoFiles}}\t{{.}}{{end}}{{with .Error}}\terror: {{.}}{{end}}", "." });
        (int listExit, string listed, string listErrors) = Run(_toolchain.Executable, listArgs, packageDirectory, environment);
        string[] fields = listed.Trim().Split('\t');
        string? error = fields.FirstOrDefault(f => f.StartsWith("error: ", StringComparison.Ordinal));
        if (listExit != 0 || fields[0].Length == 0 || error != null)
        {
            throw new GoBuildException("ExportListFailed", packageDirectory, (error ?? listErrors).Trim());
        }

        string directory = fields[0];
        string[] files = fields.Skip(1).Select(f => Path.Combine(directory, f)).ToArray();
        if (files.Length == 0)
        {
            return new GoExportList();
        }

        // Platforms that compile the same files have the same exports: parse them once.
        string key = string.Join("\n", files);
        if (_parsed.TryGetValue(key, out GoExportList? known))
        {
            return known;
        }

        string helper = EnsureHelper(environment);
        (int exitCode, string stdout, string stderr) = Run(helper, files, packageDirectory, environment);
        if (exitCode != 0)
        {
            throw new GoBuildException("ExportListFailed", packageDirectory, stderr.Trim());
        }

        try
        {
            GoExportList parsed = GoExportList.Parse(stdout);
            _parsed[key] = parsed;
            return parsed;
        }
        catch (FormatException ex)
        {
            throw new GoBuildException("ExportListFailed", packageDirectory, ex.Message);
        }
    }

    /// <summary>The helper's executable, built into the cache when it is not there yet.</summary>
    public string EnsureHelper(IReadOnlyDictionary<string, string> environment)
    {
        string exe = Path.Combine(_cacheRoot, "tools", "goexports-" + SourceHash(), _toolchain.Version, "goexports" + (Path.DirectorySeparatorChar == '\\' ? ".exe" : string.Empty));
        if (File.Exists(exe))
        {
            return exe;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        // Built under a unique name and renamed: concurrent builds of several projects may race here.
        string temporary = exe + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var env = new Dictionary<string, string>(GoEnvironment.NameComparer);
        foreach (KeyValuePair<string, string> pair in environment)
        {
            env[pair.Key] = pair.Value;
        }

        env.Remove("GOOS");
        env.Remove("GOARCH");
        env.Remove("GOARM");
        env.Remove("CC");
        env["CGO_ENABLED"] = "0";
        env["GOFLAGS"] = "-mod=mod";
        env["GOPROXY"] = "off";
        (int exitCode, string stdout, string stderr) = Run(_toolchain.Executable, new[] { "build", "-trimpath", "-o", temporary, "." }, _helperSource, env);
        if (exitCode != 0)
        {
            throw new GoBuildException("ExportListFailed", _helperSource, (stdout + stderr).Trim());
        }

        try
        {
            File.Move(temporary, exe);
        }
        catch (IOException) when (File.Exists(exe))
        {
            File.Delete(temporary);
        }

        return exe;
    }

    private string SourceHash()
    {
        using var sha = SHA256.Create();
        var text = new StringBuilder();
        foreach (string file in new[] { "go.mod", "main.go" })
        {
            text.Append(File.ReadAllText(Path.Combine(_helperSource, file))).Append('\0');
        }

        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        return string.Concat(hash.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string executable, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        _log(executable + " " + CommandLine.Join(args));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        int exitCode = new GoProcessRunner(executable).Run(args, workingDirectory, environment, (line, isError) => (isError ? stderr : stdout).Append(line).Append('\n'), _cancellation);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
