using System;
using Microsoft.Build.Utilities;

namespace GoBuild.Tasks.Modules;

/// <summary>Logs each <see cref="ModuleProblem"/> as the coded error of its kind.</summary>
internal static class ModuleProblemLog
{
    public static void LogError(TaskLoggingHelper log, ModuleProblem problem, string moduleRoot)
    {
        string path = problem.Module.Path;
        string version = problem.Module.Version;
        switch (problem.Kind)
        {
            case ModuleProblemKind.GoSumMissing:
                log.LogErrorWithCodeFromResources("GoSumMissing", path, version, problem.Detail, System.IO.Path.Combine(moduleRoot, "go.sum"), moduleRoot);
                break;
            case ModuleProblemKind.GoSumEntryMissing:
                log.LogErrorWithCodeFromResources("GoSumEntryMissing", path, version, problem.Detail == "go.mod" ? "go.mod" : "module content", moduleRoot);
                break;
            case ModuleProblemKind.ChecksumMismatch:
                log.LogErrorWithCodeFromResources("ModuleChecksumMismatch", path, version, problem.Detail);
                break;
            case ModuleProblemKind.NotRestored:
                log.LogErrorWithCodeFromResources("ModuleNotRestored", path, version, problem.Detail);
                break;
            case ModuleProblemKind.CacheModified:
                log.LogErrorWithCodeFromResources("ModuleCacheModified", path, version, problem.Detail);
                break;
            case ModuleProblemKind.VendorInconsistent:
                log.LogErrorWithCodeFromResources("VendorInconsistent", path, version, problem.Detail, moduleRoot);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem.Kind, "unknown module problem");
        }
    }
}
