using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.Go;

/// <summary>What one <c>go build</c> produces: validated values of the Go… properties.</summary>
public sealed class GoBuildOptions
{
    /// <summary>The build modes the SDK knows, with the output kinds they produce.</summary>
    public static IReadOnlyList<string> BuildModes { get; } = new[] { "exe", "pie", "c-shared", "c-archive", "wasi-reactor" };

    /// <summary>The accepted <c>-buildvcs</c> values.</summary>
    public static IReadOnlyList<string> BuildVcsValues { get; } = new[] { "false", "true", "auto" };

    /// <summary>Absolute path of the file to write.</summary>
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>The package argument (<c>.</c>, <c>./cmd/tool</c>, or an import path).</summary>
    public string Package { get; set; } = ".";

    /// <summary><c>-buildmode</c>.</summary>
    public string BuildMode { get; set; } = "exe";

    /// <summary><c>-trimpath</c>.</summary>
    public bool TrimPath { get; set; } = true;

    /// <summary><c>-s -w</c> in the linker flags.</summary>
    public bool Strip { get; set; }

    /// <summary>Extra <c>-ldflags</c> text, appended after the SDK's own.</summary>
    public string LdFlags { get; set; } = string.Empty;

    /// <summary>Build tags.</summary>
    public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

    /// <summary><c>-buildvcs</c>.</summary>
    public string BuildVcs { get; set; } = "false";

    /// <summary><c>-X name=value</c> definitions, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LinkerVariables { get; set; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>
    /// The packages of a GoPackage selection (import paths, from the packages record); empty builds
    /// <see cref="Package"/> alone. With several, <see cref="OutputPath"/> is a folder ending in a
    /// separator (<c>go build -o dir/</c>) or empty (libraries only: compiled and checked, nothing written).
    /// </summary>
    public IReadOnlyList<string> Packages { get; set; } = Array.Empty<string>();

    /// <summary>What go builds: <see cref="Packages"/>, else <see cref="Package"/>.</summary>
    public IReadOnlyList<string> PackageArguments => Packages.Count > 0 ? Packages : new[] { Package };

    /// <summary>A <c>go build -overlay</c> JSON file (files the SDK adds to the package), or empty.</summary>
    public string Overlay { get; set; } = string.Empty;

    /// <summary>
    /// The <c>-buildmode</c> go gets: wasi-reactor is Go's c-shared mode for wasip1/wasm (a WASI
    /// reactor module whose runtime starts in <c>_initialize</c>, Go 1.24 and later).
    /// </summary>
    public static string GoBuildModeFlag(string buildMode) => buildMode == "wasi-reactor" ? "c-shared" : buildMode;

    /// <summary>A copy of these options that writes <paramref name="outputPath"/>.</summary>
    public GoBuildOptions WithOutputPath(string outputPath)
    {
        var copy = (GoBuildOptions)MemberwiseClone();
        copy.OutputPath = outputPath;
        return copy;
    }

    /// <summary>GoCgoEnabled's default: on for c-shared and c-archive (they need cgo), off otherwise.</summary>
    public static bool CgoDefault(string buildMode) => buildMode.StartsWith("c-", StringComparison.Ordinal);

    /// <summary>
    /// Parses a boolean property: <c>true</c> or <c>false</c> in any case, or empty for
    /// <paramref name="defaultValue"/>. Anything else (<c>yes</c>, <c>1</c>, <c>on</c>) fails with
    /// GOB2004 naming the property: the SDK's targets compare with <c>'true'</c>, so such a value
    /// would silently mean false there.
    /// </summary>
    public static bool ParseBool(string property, string? value, bool defaultValue)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        switch (value!.Trim().ToLowerInvariant())
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new GoBuildException("InvalidBoolean", property, value);
        }
    }

    /// <summary>Validates GoOutputName: a file name without folders (the SDK adds .exe, lib….so and the like).</summary>
    /// <exception cref="GoBuildException">GOB2015.</exception>
    public static string ParseOutputName(string? value)
    {
        string name = (value ?? string.Empty).Trim();
        char[] invalid = System.IO.Path.GetInvalidFileNameChars().Concat(new[] { '/', '\\', ':', '*', '?', '"', '<', '>', '|' }).ToArray();
        if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(invalid) >= 0 || name.Any(char.IsControl))
        {
            throw new GoBuildException("InvalidOutputName", value ?? string.Empty);
        }

        return name;
    }

    /// <summary>
    /// The build tags of GoTags: <c>;</c>-separated (a <c>,</c> separates too, as in go's own
    /// <c>-tags</c>), each letters, digits, <c>_</c> and <c>.</c> as in <c>//go:build</c> lines.
    /// </summary>
    /// <exception cref="GoBuildException">GOB2013 naming the first entry that is not a tag.</exception>
    public static IReadOnlyList<string> ParseTags(string? value)
    {
        var tags = new List<string>();
        foreach (string raw in (value ?? string.Empty).Split(';', ','))
        {
            string tag = raw.Trim();
            if (tag.Length == 0)
            {
                continue;
            }

            if (!tag.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
            {
                throw new GoBuildException("InvalidTag", tag, value ?? string.Empty);
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    /// <summary>Validates a <c>GoBuildMode</c> value (GOB5001 lists the valid ones).</summary>
    public static string ParseBuildMode(string? value)
    {
        string mode = string.IsNullOrWhiteSpace(value) ? "exe" : value!.Trim().ToLowerInvariant();
        if (!BuildModes.Contains(mode))
        {
            throw new GoBuildException("UnknownBuildMode", value ?? string.Empty, string.Join(", ", BuildModes));
        }

        return mode;
    }

    /// <summary>Validates a <c>GoBuildVcs</c> value.</summary>
    public static string ParseBuildVcs(string? value)
    {
        string vcs = string.IsNullOrWhiteSpace(value) ? "false" : value!.Trim().ToLowerInvariant();
        if (!BuildVcsValues.Contains(vcs))
        {
            throw new GoBuildException("InvalidBuildVcs", value ?? string.Empty, string.Join(", ", BuildVcsValues));
        }

        return vcs;
    }
}
