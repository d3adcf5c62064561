using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Sdk.Tests.Infrastructure;

/// <summary>
/// The GoBuild.Templates package of the test feed installed with <c>dotnet new install</c> into a
/// template hive of one workspace (<c>--debug:custom-hive</c>), so neither the user's templates nor
/// other tests see it, and <c>dotnet new</c> runs against that hive.
/// </summary>
public sealed class TemplateHive
{
    private readonly TestProject _ws;

    private TemplateHive(TestProject ws, string directory)
    {
        _ws = ws;
        Directory = directory;
    }

    /// <summary>The hive folder.</summary>
    public string Directory { get; }

    /// <summary>The templates package the test project's build packed next to the SDK (PackSdkForTests).</summary>
    public static string Package
    {
        get
        {
            string? package = System.IO.Directory.Exists(E2E.Feed) ? System.IO.Directory.GetFiles(E2E.Feed, "GoBuild.Templates.*.nupkg").SingleOrDefault() : null;
            if (package == null)
            {
                Assert.Fail($"No GoBuild.Templates package in {E2E.Feed}: the test project's build packs it (PackSdkForTests).");
            }

            return package!;
        }
    }

    /// <summary>The version of <see cref="Package"/>, from its file name.</summary>
    public static string PackageVersion => Path.GetFileNameWithoutExtension(Package).Substring("GoBuild.Templates.".Length);

    /// <summary>Installs <see cref="Package"/> into a new hive under the workspace; fails the test if that fails.</summary>
    public static TemplateHive Install(TestProject ws)
    {
        var hive = new TemplateHive(ws, ws.PathOf(".template-hive"));
        DotNetResult install = hive.Run("install", Package);
        install.AssertSuccess();
        foreach (string shortName in new[] { "gobuild", "gobuild-lib", "gobuild-monorepo" })
        {
            install.AssertOutputContains(shortName);
        }

        return hive;
    }

    /// <summary>Runs <c>dotnet new <paramref name="template"/></c> with <paramref name="arguments"/> in the workspace root.</summary>
    public DotNetResult New(string template, params string[] arguments) => Run(new[] { template }.Concat(arguments).ToArray());

    private DotNetResult Run(params string[] arguments)
    {
        var args = new List<string> { "new" };
        args.AddRange(arguments);
        // No look-up of newer template versions on the machine's feeds: the test uses this package.
        if (arguments[0] != "install")
        {
            args.Add("--no-update-check");
        }

        args.AddRange(new[] { "--debug:custom-hive", Directory });
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = E2E.NuGetPackages,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        ProcessResult result = ProcessResult.Run("dotnet", args, _ws.Root, env, TimeSpan.FromMinutes(2));
        return new DotNetResult("dotnet " + string.Join(" ", args), result, binlog: null);
    }
}
