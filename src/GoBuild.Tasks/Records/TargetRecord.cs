using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GoBuild.Tasks.Go;

namespace GoBuild.Tasks.Records;

/// <summary>
/// <c>&lt;key&gt;.target</c>: every setting of one target of the build, as the decision task
/// (CrossCompile) decided it and the build task (GoBuild) reads it. One <c>name value</c> pair a
/// line (the value runs to the end of the line); <c>build</c> (a package of a selection), <c>tag</c> and <c>X</c>
/// lines repeat. <c>gooutput</c> is what go's <c>-o</c> gets: the file, a folder for several commands, empty for libraries.
/// </summary>
public static class TargetRecord
{
    /// <summary>The record of the target with <paramref name="key"/> under <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, string key) => Path.Combine(directory, key + ".target");

    /// <summary>The environment record (<c>&lt;key&gt;.env</c>) next to the target record <paramref name="record"/>.</summary>
    public static string EnvironmentOf(string record) => Path.ChangeExtension(record, ".env");

    /// <summary>The lines of the record of <paramref name="target"/> built with <paramref name="options"/>.</summary>
    /// <exception cref="GoBuildException">GOB2011 when a value holds a line break.</exception>
    public static IReadOnlyList<string> Lines(GoTargetPlatform target, GoBuildOptions options, bool cgo)
    {
        var lines = new List<string>
        {
            Line("key", target.Key),
            Line("name", target.Name),
            Line("goos", target.GoOS),
            Line("goarch", target.GoArch),
            Line("goarm", target.GoArm),
            Line("goamd64", target.GoAmd64),
            Line("goarm64", target.GoArm64),
            Line("rid", target.RuntimeIdentifier),
            Line("cgo", cgo ? "true" : "false"),
            Line("cc", target.CCompiler),
            Line("implicit", target.Implicit ? "true" : "false"),
            Line("context", target.Context),
            Line("output", target.OutputPath),
            Line("header", target.HeaderPath),
            Line("inputs", target.InputsFile),
            Line("package", options.Package),
            Line("buildmode", options.BuildMode),
            Line("trimpath", options.TrimPath ? "true" : "false"),
            Line("strip", options.Strip ? "true" : "false"),
            Line("buildvcs", options.BuildVcs),
            Line("ldflags", options.LdFlags),
            Line("overlay", options.Overlay),
        };
        if (options.OutputPath != target.OutputPath)
        {
            // Several commands go to a folder, a library to nothing: what -o gets differs from the target's output.
            lines.Add(Line("gooutput", options.OutputPath));
        }

        lines.AddRange(options.Packages.Select(p => Line("build", p)));
        lines.AddRange(options.Tags.Select(t => Line("tag", t)));
        lines.AddRange(options.LinkerVariables.Select(v => Line("X", v.Key + "=" + v.Value)));
        return lines;
    }

    /// <summary>Reads a record written from <see cref="Lines"/>.</summary>
    public static (GoTargetPlatform Target, GoBuildOptions Options) Read(string path)
    {
        var target = new GoTargetPlatform();
        var options = new GoBuildOptions();
        var tags = new List<string>();
        var packages = new List<string>();
        var variables = new List<KeyValuePair<string, string>>();
        foreach (string line in File.ReadAllLines(path))
        {
            int space = line.IndexOf(' ');
            string name = space < 0 ? line : line.Substring(0, space);
            string value = space < 0 ? string.Empty : line.Substring(space + 1);
            switch (name)
            {
                case "key": target.Key = value; break;
                case "name": target.Name = value; break;
                case "goos": target.GoOS = value; break;
                case "goarch": target.GoArch = value; break;
                case "goarm": target.GoArm = value; break;
                case "goamd64": target.GoAmd64 = value; break;
                case "goarm64": target.GoArm64 = value; break;
                case "rid": target.RuntimeIdentifier = value; break;
                case "cgo": target.CgoEnabled = value; break;
                case "cc": target.CCompiler = value; break;
                case "implicit": target.Implicit = value == "true"; break;
                case "context": target.Context = value; break;
                case "output": target.OutputPath = value; options.OutputPath = value; break;
                case "header": target.HeaderPath = value; break;
                case "inputs": target.InputsFile = value; break;
                case "gooutput": options.OutputPath = value; break;
                case "build": packages.Add(value); break;
                case "package": options.Package = value; break;
                case "buildmode": options.BuildMode = value; break;
                case "trimpath": options.TrimPath = value == "true"; break;
                case "strip": options.Strip = value == "true"; break;
                case "buildvcs": options.BuildVcs = value; break;
                case "ldflags": options.LdFlags = value; break;
                case "overlay": options.Overlay = value; break;
                case "tag": tags.Add(value); break;
                case "X":
                    int equals = value.IndexOf('=');
                    variables.Add(new KeyValuePair<string, string>(equals < 0 ? value : value.Substring(0, equals), equals < 0 ? string.Empty : value.Substring(equals + 1)));
                    break;
            }
        }

        options.Tags = tags;
        options.Packages = packages;
        options.LinkerVariables = variables;
        return (target, options);
    }

    /// <summary>A short digest of <paramref name="lines"/>: the targets put it in the target's stamp, so a changed setting makes that target stale.</summary>
    public static string Digest(IEnumerable<string> lines)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return string.Concat(hash.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static string Line(string name, string value)
    {
        if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
        {
            throw new GoBuildException("RecordFieldInvalid", value);
        }

        return name + " " + value;
    }
}
