using System;
using System.Globalization;
#if NET
using System.Text.Json;
#else
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
#endif

namespace GoBuild.Tasks.Testing;

/// <summary>
/// One line of <c>go test -json</c> (the <c>test2json</c> format): a test or package event, or,
/// from Go 1.24 on, a build event (<c>build-output</c>, <c>build-fail</c>) keyed by ImportPath.
/// Read with JsonDocument on net8.0 and with the in-box DataContractJsonSerializer on
/// netstandard2.0, as the other JSON the tasks read, so no JSON library ships next to the tasks.
/// </summary>
public sealed class GoTestEvent
{
    /// <summary>When go saw the event; null for build events.</summary>
    public DateTimeOffset? Time { get; private set; }

    /// <summary>start, run, pause, cont, pass, fail, skip, output, bench, build-output, build-fail.</summary>
    public string Action { get; private set; } = string.Empty;

    /// <summary>The import path of the package under test.</summary>
    public string? Package { get; private set; }

    /// <summary>The test name (<c>TestAdd</c>, <c>TestAdd/case_1</c>); null for package events.</summary>
    public string? Test { get; private set; }

    /// <summary>Seconds, on pass, fail and skip.</summary>
    public double? Elapsed { get; private set; }

    /// <summary>The output text, with its newline, on output and build-output events.</summary>
    public string? Output { get; private set; }

    /// <summary>Build events: the package being built (<c>pkg [pkg.test]</c>).</summary>
    public string? ImportPath { get; private set; }

    /// <summary>A package fail event caused by a build failure: the ImportPath that failed.</summary>
    public string? FailedBuild { get; private set; }

    /// <summary>Parses one line; null when it is not a test2json object (go prints some lines as plain text).</summary>
    public static GoTestEvent? TryParse(string line)
    {
        string trimmed = line.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[trimmed.Length - 1] != '}')
        {
            return null;
        }

        GoTestEvent? e = Parse(trimmed);
        return e == null || e.Action.Length == 0 ? null : e;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset time) ? time : null;

#if NET
    private static GoTestEvent? Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new GoTestEvent
            {
                Action = ReadString(root, "Action") ?? string.Empty,
                Time = ParseTime(ReadString(root, "Time")),
                Package = ReadString(root, "Package"),
                Test = ReadString(root, "Test"),
                Elapsed = root.TryGetProperty("Elapsed", out JsonElement elapsed) && elapsed.ValueKind == JsonValueKind.Number ? elapsed.GetDouble() : null,
                Output = ReadString(root, "Output"),
                ImportPath = ReadString(root, "ImportPath"),
                FailedBuild = ReadString(root, "FailedBuild"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
#else
    private static GoTestEvent? Parse(string json)
    {
        try
        {
            var serializer = new DataContractJsonSerializer(typeof(EventData));
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false);
            if (serializer.ReadObject(stream) is not EventData data)
            {
                return null;
            }

            return new GoTestEvent
            {
                Action = data.Action ?? string.Empty,
                Time = ParseTime(data.Time),
                Package = data.Package,
                Test = data.Test,
                Elapsed = data.Elapsed,
                Output = data.Output,
                ImportPath = data.ImportPath,
                FailedBuild = data.FailedBuild,
            };
        }
        catch (Exception ex) when (ex is SerializationException || ex is System.Xml.XmlException || ex is InvalidCastException)
        {
            return null;
        }
    }

    [DataContract]
    private sealed class EventData
    {
        [DataMember(Name = "Time")]
        public string? Time { get; set; }

        [DataMember(Name = "Action")]
        public string? Action { get; set; }

        [DataMember(Name = "Package")]
        public string? Package { get; set; }

        [DataMember(Name = "Test")]
        public string? Test { get; set; }

        [DataMember(Name = "Elapsed")]
        public double? Elapsed { get; set; }

        [DataMember(Name = "Output")]
        public string? Output { get; set; }

        [DataMember(Name = "ImportPath")]
        public string? ImportPath { get; set; }

        [DataMember(Name = "FailedBuild")]
        public string? FailedBuild { get; set; }
    }
#endif
}
