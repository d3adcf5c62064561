using System;
using System.Globalization;
using System.Text.Json;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// One line of <c>go test -json</c> (the <c>test2json</c> format): a test or package event, or,
/// from Go 1.24 on, a build event (<c>build-output</c>, <c>build-fail</c>) keyed by ImportPath.
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
        if (trimmed.Length < 2 || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(trimmed);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Action", out JsonElement action) || action.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new GoTestEvent
            {
                Action = action.GetString() ?? string.Empty,
                Time = ReadTime(root),
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

    private static DateTimeOffset? ReadTime(JsonElement root)
    {
        string? text = ReadString(root, "Time");
        return text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset time) ? time : null;
    }
}
