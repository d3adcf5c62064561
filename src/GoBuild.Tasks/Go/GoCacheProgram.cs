using System;
using System.Collections.Generic;
using System.IO;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.Go;

/// <summary>
/// GoCacheProg: the command line of a GOCACHEPROG program (go-cache-plugin, gobuildcache,
/// go-tool-cache, a company's own), which go starts and hands its build cache to. Written as go
/// reads GOCACHEPROG (a path with spaces in quotes); the SDK checks it before go runs, makes a
/// relative program path absolute (go runs in other folders) and quotes the result the way go
/// splits it.
/// </summary>
public static class GoCacheProgram
{
    /// <summary>The first Go release that reads GOCACHEPROG without GOEXPERIMENT=cacheprog.</summary>
    public static readonly GoVersion FirstVersion = GoVersion.TryParse("go1.24")!;

    /// <summary>
    /// Fails with GOB1032 when <paramref name="toolchainVersion"/> is older than Go 1.24, which does
    /// not read GOCACHEPROG (the decision resolved <paramref name="cacheProg"/> without a toolchain).
    /// </summary>
    public static void RequireSupported(string cacheProg, string toolchainVersion)
    {
        GoVersion? version = GoVersion.TryParse(toolchainVersion);
        if (version != null && version.CompareTo(FirstVersion) < 0)
        {
            throw new GoBuildException("CacheProgNeedsGo124", cacheProg, toolchainVersion);
        }
    }

    /// <summary>
    /// The GOCACHEPROG value for <paramref name="commandLine"/>, or null when it is empty.
    /// </summary>
    /// <param name="commandLine">GoCacheProg as written.</param>
    /// <param name="projectDirectory">What a relative program path is relative to.</param>
    /// <param name="toolchainVersion">The toolchain's version (go1.26.11).</param>
    /// <param name="fileExists">Whether a file exists (a seam for tests).</param>
    /// <exception cref="GoBuildException">GOB1030 unreadable, GOB1031 program not found, GOB1032 toolchain too old.</exception>
    public static string? Resolve(string? commandLine, string projectDirectory, string toolchainVersion, Func<string, bool> fileExists)
    {
        if (string.IsNullOrWhiteSpace(commandLine))
        {
            return null;
        }

        List<string>? fields = GoQuoted.Split(commandLine!);
        if (fields == null || fields.Count == 0 || fields[0].Length == 0)
        {
            throw new GoBuildException("CacheProgUnreadable", commandLine!);
        }

        GoVersion? version = GoVersion.TryParse(toolchainVersion);
        if (version != null && version.CompareTo(FirstVersion) < 0)
        {
            throw new GoBuildException("CacheProgNeedsGo124", commandLine!, toolchainVersion);
        }

        // A bare name is looked up on PATH by go, as a shell would; a path must name a file.
        string program = fields[0];
        if (program.IndexOf('/') >= 0 || program.IndexOf(Path.DirectorySeparatorChar) >= 0)
        {
            program = Path.GetFullPath(Path.Combine(projectDirectory, program));
            if (!fileExists(program))
            {
                throw new GoBuildException("CacheProgNotFound", commandLine!, program);
            }

            fields[0] = program;
        }

        return GoQuoted.Join(fields) ?? throw new GoBuildException("CacheProgUnreadable", commandLine!);
    }
}
