using System.Globalization;
using System.Resources;

namespace GoBuild.Tasks;

/// <summary>Access to Strings.resx, where every message starts with its GOBnnnn code.</summary>
internal static class Resources
{
    public static ResourceManager Manager { get; } = new("GoBuild.Tasks.Strings", typeof(Resources).Assembly);

    public static string Format(string name, params object[] args)
    {
        string template = Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
