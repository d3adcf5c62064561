using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace GoBuild.Tasks.Interop;

/// <summary>
/// What the goexports helper (tools/goexports in the package) prints for a package: its Go files and
/// every <c>//export</c> or <c>//go:wasmexport</c> function with parameter names, Go types and doc.
/// Read with DataContractJsonSerializer on both task frameworks: the shape is ours and small, and one
/// reader keeps netstandard2.0 and net8.0 from disagreeing.
/// </summary>
[DataContract]
public sealed class GoExportList
{
    /// <summary>The package name (<c>main</c> for a c-shared library).</summary>
    [DataMember(Name = "package", Order = 1)]
    public string Package { get; set; } = string.Empty;

    /// <summary>The Go files go build would compile for the platform, absolute.</summary>
    [DataMember(Name = "files", Order = 2)]
    public List<string> Files { get; set; } = new();

    /// <summary>The exported functions, in file then source order.</summary>
    [DataMember(Name = "exports", Order = 3)]
    public List<GoExport> Exports { get; set; } = new();

    /// <summary>Parses the helper's JSON.</summary>
    /// <exception cref="FormatException">The text is not the helper's JSON.</exception>
    public static GoExportList Parse(string json)
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            var result = (GoExportList?)new DataContractJsonSerializer(typeof(GoExportList)).ReadObject(stream);
            return Normalize(result ?? throw new FormatException("empty export list"));
        }
        catch (SerializationException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    // DataContractJsonSerializer leaves absent members null whatever their initialiser says.
    private static GoExportList Normalize(GoExportList list)
    {
        list.Package ??= string.Empty;
        list.Files ??= new List<string>();
        list.Exports ??= new List<GoExport>();
        foreach (GoExport export in list.Exports)
        {
            export.Name ??= string.Empty;
            export.Kind ??= string.Empty;
            export.Doc ??= string.Empty;
            export.File ??= string.Empty;
            export.Parameters ??= new List<GoExportParameter>();
            export.Results ??= new List<GoExportParameter>();
            foreach (GoExportParameter p in export.Parameters)
            {
                p.Name ??= string.Empty;
                p.Type ??= string.Empty;
            }

            foreach (GoExportParameter p in export.Results)
            {
                p.Name ??= string.Empty;
                p.Type ??= string.Empty;
            }
        }

        return list;
    }
}

/// <summary>One exported function.</summary>
[DataContract]
public sealed class GoExport
{
    /// <summary>The exported (C or WebAssembly) name.</summary>
    [DataMember(Name = "name", Order = 1)]
    public string Name { get; set; } = string.Empty;

    /// <summary><c>export</c> (cgo) or <c>wasmexport</c>.</summary>
    [DataMember(Name = "kind", Order = 2)]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The doc comment's text, without the directive.</summary>
    [DataMember(Name = "doc", Order = 3)]
    public string Doc { get; set; } = string.Empty;

    /// <summary>The parameters, one per name.</summary>
    [DataMember(Name = "params", Order = 4)]
    public List<GoExportParameter> Parameters { get; set; } = new();

    /// <summary>The results (names are usually empty).</summary>
    [DataMember(Name = "results", Order = 5)]
    public List<GoExportParameter> Results { get; set; } = new();

    /// <summary>The Go file that declares it.</summary>
    [DataMember(Name = "file", Order = 6)]
    public string File { get; set; } = string.Empty;

    /// <summary>The line of the declaration.</summary>
    [DataMember(Name = "line", Order = 7)]
    public int Line { get; set; }

    /// <summary>Why it cannot be bound whatever its types (a method, a generic function), or null.</summary>
    [DataMember(Name = "problem", Order = 8, EmitDefaultValue = false)]
    public string? Problem { get; set; }

    /// <summary>Set by <see cref="GoExportMerger"/> when the platforms the project builds for disagree on this export (GOB5111), or null.</summary>
    [DataMember(Name = "platformProblem", Order = 9, EmitDefaultValue = false)]
    public string? PlatformProblem { get; set; }
}

/// <summary>A parameter or result: its Go name and its Go type as written (<c>C.int</c>, <c>*C.char</c>, <c>[]byte</c>).</summary>
[DataContract]
public sealed class GoExportParameter
{
    /// <summary>The name; empty for an unnamed result.</summary>
    [DataMember(Name = "name", Order = 1)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The type as the source spells it.</summary>
    [DataMember(Name = "type", Order = 2)]
    public string Type { get; set; } = string.Empty;
}
