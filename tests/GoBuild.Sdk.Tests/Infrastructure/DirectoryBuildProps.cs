using System.Security;
using GoBuild.Tests;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// The one writer of Directory.Build.props in test workspaces. MSBuild imports only the nearest
/// Directory.Build.props, so a test's own file would silently drop the workspace's settings (the
/// audit's offline vulnerability data among them) and its builds would reach the network. The
/// workspace root gets the shared settings merged with the test's; a file in a subfolder imports
/// the one above it first, as MSBuild's documentation advises for nested files.
/// </summary>
public static class DirectoryBuildProps
{
    /// <summary>The properties every test workspace gets: the audit reads the shared fixture's real database entries.</summary>
    public static string SharedProperties => $"<GoAuditSource>{SecurityElement.Escape(VulnDbFixture.Folder)}</GoAuditSource>";

    /// <summary>
    /// Writes <paramref name="folder"/>/Directory.Build.props (<c>""</c> for the workspace root) with
    /// <paramref name="properties"/> (PropertyGroup content, later properties win) on top of the shared ones.
    /// </summary>
    public static void Write(TestProject ws, string folder, string properties = "")
    {
        string path = folder.Length == 0 ? "Directory.Build.props" : folder.TrimEnd('/') + "/Directory.Build.props";
        string inherited = folder.Length == 0
            ? $"  <PropertyGroup>\n    {SharedProperties}\n  </PropertyGroup>\n"
            : "  <Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />\n";
        string own = properties.Length == 0 ? string.Empty : $"  <PropertyGroup>\n    {properties.Trim()}\n  </PropertyGroup>\n";
        ws.WriteFileUnchecked(path, "<Project>\n" + inherited + own + "</Project>\n");
    }
}
