using System;
using GoBuild.Tasks.Modules;

namespace GoBuild.Tasks.Toolchain;

/// <summary>
/// The <c>go</c> and <c>toolchain</c> lines of a go.mod or go.work file, and the release they
/// call for under Go's rules: the <c>toolchain</c> line when it names a newer release than the
/// <c>go</c> line, else the first release of the <c>go</c> line (<c>go 1.22</c> → go1.22.0,
/// <c>go 1.20</c> → go1.20).
/// </summary>
public sealed class GoVersionDirectives
{
    private GoVersionDirectives(string file, string? goLine, string? toolchainLine)
    {
        File = file;
        GoLine = goLine;
        ToolchainLine = toolchainLine;
    }

    /// <summary>The go.mod or go.work file.</summary>
    public string File { get; }

    /// <summary>The value of the <c>go</c> line, or null.</summary>
    public string? GoLine { get; }

    /// <summary>The value of the <c>toolchain</c> line, or null.</summary>
    public string? ToolchainLine { get; }

    /// <summary>Reads the directives of <paramref name="file"/> (with the SDK's one go.mod/go.work reader).</summary>
    public static GoVersionDirectives Read(string file)
    {
        GoModFile parsed = GoModFile.Load(file);
        return new GoVersionDirectives(file, NullIfEmpty(parsed.GoVersion), NullIfEmpty(parsed.Toolchain));
    }

    /// <summary>The version of the <c>go</c> line (GOB1005 when it is not a Go version), or null.</summary>
    public GoVersion? GoLineVersion => GoLine == null ? null : Parse(GoLine, "go");

    /// <summary>
    /// The release these lines call for, or null when there is no <c>go</c> or <c>toolchain</c>
    /// line. GOB1005 when a line holds no Go version.
    /// </summary>
    public GoVersion? RequiredRelease()
    {
        GoVersion? fromGo = GoLineVersion;
        GoVersion? release = fromGo == null ? null : GoVersion.TryParse(fromGo.ToolchainName);
        // "toolchain default" names no release; any other value is goX.Y.Z (custom suffixes are not downloadable).
        if (ToolchainLine != null && ToolchainLine != "default")
        {
            if (!ToolchainLine.StartsWith("go", StringComparison.Ordinal))
            {
                throw new GoBuildException("InvalidVersionDirective", File, "toolchain", ToolchainLine);
            }

            GoVersion fromToolchain = Parse(ToolchainLine, "toolchain");
            if (release == null || fromToolchain.CompareTo(release) > 0)
            {
                release = GoVersion.TryParse(fromToolchain.ToolchainName);
            }
        }

        return release;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private GoVersion Parse(string value, string verb) =>
        GoVersion.TryParse(value) ?? throw new GoBuildException("InvalidVersionDirective", File, verb, value);
}
