using System.Text;

namespace GoBuild.Tasks.Interop;

/// <summary>The default names of generated bindings.</summary>
public static class BindingNames
{
    /// <summary>
    /// The project name in PascalCase plus <paramref name="suffix"/>: <c>mathlib</c> → <c>MathlibNative</c>,
    /// <c>go-agent</c> → <c>GoAgentNative</c>. Letters and digits are kept; anything else splits words.
    /// </summary>
    public static string ClassName(string projectName, string suffix)
    {
        var name = new StringBuilder();
        bool upper = true;
        foreach (char c in projectName)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        // A C# identifier cannot start with a digit.
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name.Insert(0, "Go");
        }

        return name.Append(suffix).ToString();
    }

    /// <summary>Whether <paramref name="name"/> is a simple C# identifier (letters, digits, underscores; not starting with a digit).</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a dotted C# namespace (<c>GoBindings</c>, <c>Contoso.Native</c>).</summary>
    public static bool IsNamespace(string name)
    {
        foreach (string part in name.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }
}
