using System;
using System.Collections.Generic;
using System.IO;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Records;

namespace GoBuild.Tasks.Tests.Infrastructure;

/// <summary>Writes the environment record a task reads, as the build decision (CrossCompile) would.</summary>
internal static class EnvironmentRecords
{
    /// <summary>The record at <paramref name="path"/> for <paramref name="settings"/> and these caches, plus <paramref name="extra"/>.</summary>
    public static string Write(string path, GoEnvironmentSettings settings, string buildCache, string moduleCache, bool allowModuleDownload = false, params (string Name, string Value)[] extra)
    {
        var caches = new GoCacheLocations(Path.Combine(Path.GetTempPath(), "gobuild-unit-caches"), buildCache, moduleCache);
        (Dictionary<string, string> set, List<string> pass) = GoEnvironment.Decide(settings, caches, allowModuleDownload);
        foreach ((string name, string value) in extra)
        {
            set[name] = value;
        }

        RecordFile.Write(path, EnvironmentRecord.Lines(set, pass));
        return path;
    }

    /// <summary>Settings with only the module proxy (the unit tests' usual "off").</summary>
    public static GoEnvironmentSettings Settings(string projectDirectory, string? moduleProxy = "off", string? modMode = null) => new()
    {
        ProjectDirectory = projectDirectory,
        ModuleProxy = moduleProxy,
        ModMode = modMode,
    };

    /// <summary>A fresh temporary record path.</summary>
    public static string NewPath(string folder, string name) => Path.Combine(folder, "obj", "gobuild", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".env");
}
