using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>An ordered JSON object: members are written in the order they are added.</summary>
public sealed class JsonObject
{
    private readonly List<KeyValuePair<string, object>> _members = new();

    /// <summary>The members.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Members => _members;

    /// <summary>Adds a member (string, long, int, bool, <see cref="JsonObject"/> or a list of those); null values are left out.</summary>
    public JsonObject Add(string name, object? value)
    {
        if (value != null)
        {
            _members.Add(new KeyValuePair<string, object>(name, value));
        }

        return this;
    }
}

/// <summary>
/// Writes JSON byte for byte the same way on every framework and machine: members in the order
/// given, two-space indentation, <c>\n</c> line ends, a final newline, UTF-8 without BOM, and only
/// the escapes RFC 8259 requires (quote, backslash, control characters); non-ASCII text is kept as
/// UTF-8. Hand-written on purpose: the net8.0 and netstandard2.0 task builds must produce identical
/// SBOM and provenance files, which one small writer guarantees by construction. System.Text.Json
/// does not: in .NET Framework MSBuild a task gets the System.Text.Json that MSBuild.exe.config
/// redirects to (a copy shipped next to the task is either never loaded or, built against a newer
/// version than that Visual Studio bundles, fails to load; dotnet/msbuild#9361, dotnet/sdk#52807),
/// so the bytes would depend on the Visual Studio version; before 9.0 its indented writer ends
/// lines with Environment.NewLine (CRLF on Windows), and its escaping follows the encoder's Unicode
/// tables, which change between versions, while `dotnet build` runs the runtime's own copy.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize(JsonObject value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        sb.Append('\n');
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(sb.ToString());
    }

    private static void Write(StringBuilder sb, object value, int depth)
    {
        switch (value)
        {
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonObject o:
                if (o.Members.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                for (int n = 0; n < o.Members.Count; n++)
                {
                    sb.Append(n == 0 ? "\n" : ",\n");
                    Indent(sb, depth + 1);
                    WriteString(sb, o.Members[n].Key);
                    sb.Append(": ");
                    Write(sb, o.Members[n].Value, depth + 1);
                }

                sb.Append('\n');
                Indent(sb, depth);
                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                var items = new List<object>();
                foreach (object? item in list)
                {
                    if (item != null)
                    {
                        items.Add(item);
                    }
                }

                if (items.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (int n = 0; n < items.Count; n++)
                {
                    sb.Append(n == 0 ? "\n" : ",\n");
                    Indent(sb, depth + 1);
                    Write(sb, items[n], depth + 1);
                }

                sb.Append('\n');
                Indent(sb, depth);
                sb.Append(']');
                break;
            default:
                throw new ArgumentException("cannot write a " + value.GetType().Name + " as JSON", nameof(value));
        }
    }

    private static void Indent(StringBuilder sb, int depth) => sb.Append(' ', depth * 2);

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
