using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace GoBuild.Tasks.Interop;

/// <summary>
/// The record a Go project writes for the projects that reference it (obj/…/gobuild/bindings.json):
/// everything their generated bindings depend on, decided once by the Go project. It is rewritten
/// only when its content changes, so its time stamp tells referencing projects when to regenerate.
/// </summary>
[DataContract]
public sealed class GoBindingsRecord
{
    /// <summary>The Go project file.</summary>
    [DataMember(Name = "project", Order = 1)]
    public string Project { get; set; } = string.Empty;

    /// <summary><c>c-shared</c> or <c>wasi-reactor</c>.</summary>
    [DataMember(Name = "buildMode", Order = 2)]
    public string BuildMode { get; set; } = string.Empty;

    /// <summary>The library name .NET resolves (<c>mathlib</c>: libmathlib.so, mathlib.dll…) or the .wasm file name.</summary>
    [DataMember(Name = "library", Order = 3)]
    public string Library { get; set; } = string.Empty;

    /// <summary>GoBindingsNamespace.</summary>
    [DataMember(Name = "namespace", Order = 4)]
    public string Namespace { get; set; } = string.Empty;

    /// <summary>GoBindingsClassName.</summary>
    [DataMember(Name = "className", Order = 5)]
    public string ClassName { get; set; } = string.Empty;

    /// <summary>The export the SDK adds to c-shared libraries to free C strings they return; empty for none.</summary>
    [DataMember(Name = "freeFunction", Order = 6)]
    public string FreeFunction { get; set; } = string.Empty;

    /// <summary>The exports, as the helper listed them.</summary>
    [DataMember(Name = "exports", Order = 7)]
    public GoExportList Exports { get; set; } = new();

    /// <summary>The platforms (<c>goos/goarch</c>) the exports were listed and compared on: every one the Go project builds for.</summary>
    [DataMember(Name = "platforms", Order = 8)]
    public List<string> Platforms { get; set; } = new();

    /// <summary>The record as JSON (members in a fixed order, so equal records are equal text).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        new DataContractJsonSerializer(typeof(GoBindingsRecord)).WriteObject(stream, this);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The file is not a record.</exception>
    public static GoBindingsRecord Read(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            var record = (GoBindingsRecord?)new DataContractJsonSerializer(typeof(GoBindingsRecord)).ReadObject(stream) ?? throw new FormatException("empty record");
            record.Exports = GoExportList.Parse(ToExportJson(record.Exports));
            record.Platforms ??= new List<string>();
            return record;
        }
        catch (SerializationException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    // Round-trips the nested list through its own normalisation (absent members become empty).
    private static string ToExportJson(GoExportList? list)
    {
        using var stream = new MemoryStream();
        new DataContractJsonSerializer(typeof(GoExportList)).WriteObject(stream, list ?? new GoExportList());
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
