using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBuild.Tasks.Go;
using GoBuild.Tasks.Interop;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBuild.Tasks;

/// <summary>
/// Referencing project side: turns the record of each directly referenced Go project into a C# file
/// under this project's obj/ (written only when its text changes, so the C# compiler stays up to
/// date when the exports did not change). Exports outside the type map are left out with GOB5101 at
/// the Go source line; wasi-reactor bindings need Wasmtime (GOB5104 otherwise).
/// </summary>
public sealed class GenerateGoBindings : CodedTask
{
    /// <summary>The Go projects this project references: metadata BindingsRecord, GoBuildMode, GoBindings.</summary>
    public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>This project's name, for messages.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>TargetFrameworkIdentifier (<c>.NETCoreApp</c>, <c>.NETStandard</c>, <c>.NETFramework</c>).</summary>
    public string? TargetFrameworkIdentifier { get; set; }

    /// <summary>TargetFrameworkVersion (<c>v10.0</c>).</summary>
    public string? TargetFrameworkVersion { get; set; }

    /// <summary>The resolved references (ReferencePath), to find Wasmtime.</summary>
    public ITaskItem[] ReferencePaths { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the generated files go.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Whether some generated file uses [LibraryImport], whose generated marshalling needs AllowUnsafeBlocks.</summary>
    [Output]
    public bool NeedsUnsafe { get; private set; }

    /// <summary>The generated files, for Compile and FileWrites.</summary>
    [Output]
    public ITaskItem[] GeneratedFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    protected override void ExecuteCore()
    {
        BindingStyle pinvoke = ChoosePInvokeStyle(TargetFrameworkIdentifier, TargetFrameworkVersion);
        bool modernLanguage = IsNet(TargetFrameworkIdentifier, TargetFrameworkVersion, 5);
        bool hasWasmtime = ReferencePaths.Any(r => string.Equals(Path.GetFileNameWithoutExtension(r.ItemSpec), "Wasmtime.Dotnet", StringComparison.OrdinalIgnoreCase));
        var generated = new List<ITaskItem>();
        foreach (ITaskItem reference in References.GroupBy(r => Path.GetFullPath(r.ItemSpec), StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
        {
            string mode = reference.GetMetadata("GoBuildMode").Trim().ToLowerInvariant();
            if ((mode != "c-shared" && mode != "wasi-reactor") || !GoBuildOptions.ParseBool("GoBindings", reference.GetMetadata("GoBindings"), false))
            {
                continue;
            }

            string recordFile = reference.GetMetadata("BindingsRecord");
            if (recordFile.Length == 0 || !File.Exists(recordFile))
            {
                Log.LogWarningWithCodeFromResources("BindingsRecordMissing", ProjectName, reference.ItemSpec, recordFile);
                continue;
            }

            GoBindingsRecord record;
            try
            {
                record = GoBindingsRecord.Read(recordFile);
            }
            catch (FormatException ex)
            {
                throw new GoBuildException("BindingsRecordUnreadable", recordFile, ex.Message);
            }

            bool wasm = record.BuildMode == "wasi-reactor";
            if (wasm && !hasWasmtime)
            {
                Log.LogWarningWithCodeFromResources("WasmtimeMissing", ProjectName, Path.GetFileNameWithoutExtension(reference.ItemSpec), record.ClassName);
                continue;
            }

            BindingStyle style = wasm ? BindingStyle.Wasmtime : pinvoke;
            (string source, IReadOnlyList<BindingProblem> problems) = BindingsWriter.Write(record, style, nullable: modernLanguage);
            foreach (BindingProblem problem in problems)
            {
                string message = problem.PlatformsDisagree
                    ? Resources.Format("ExportDiffersByPlatform", problem.Export.Name, record.ClassName, problem.Reason, string.Join(", ", record.Platforms))
                    : Resources.Format("ExportNotBound", problem.Export.Name, problem.Parameter, problem.GoType, problem.Reason, record.ClassName);
                string? code = Log.ExtractMessageCode(message, out string text);
                Log.LogWarning(null, code, null, problem.Export.File, problem.Export.Line, 0, 0, 0, text);
            }

            string file = Path.Combine(OutputDirectory, record.ClassName + ".g.cs");
            if (RecordFiles.WriteIfDifferent(file, source))
            {
                Log.LogMessage(MessageImportance.Normal, "{0}: bindings {1}.{2} ({3}) written to {4}", ProjectName, record.Namespace, record.ClassName, style, file);
            }

            generated.Add(new TaskItem(file));
            NeedsUnsafe |= style == BindingStyle.LibraryImport;
        }

        GeneratedFiles = generated.ToArray();
    }

    /// <summary>
    /// [LibraryImport] for .NET 7 and later, [DllImport] in C# 7.3 otherwise (.NET Framework, .NET
    /// Standard, .NET 6 and older), whose compilers and runtimes have no LibraryImport generator.
    /// </summary>
    public static BindingStyle ChoosePInvokeStyle(string? frameworkIdentifier, string? frameworkVersion) =>
        IsNet(frameworkIdentifier, frameworkVersion, 7) ? BindingStyle.LibraryImport : BindingStyle.DllImport;

    private static bool IsNet(string? identifier, string? version, int major)
    {
        if (!string.Equals(identifier?.Trim(), ".NETCoreApp", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string text = (version ?? string.Empty).Trim().TrimStart('v', 'V');
        return Version.TryParse(text.IndexOf('.') >= 0 ? text : text + ".0", out Version? parsed) && parsed.Major >= major;
    }
}
