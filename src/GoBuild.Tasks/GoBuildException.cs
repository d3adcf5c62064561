using System;

namespace GoBuild.Tasks;

/// <summary>
/// An expected failure with a documented GOBnnnn message. Plain classes throw it; tasks log it
/// with <c>LogErrorWithCodeFromResources</c>, so every user-facing failure carries its code.
/// </summary>
public sealed class GoBuildException : Exception
{
    /// <summary>Creates the exception for the resource <paramref name="resourceName"/>.</summary>
    public GoBuildException(string resourceName, params object[] args)
        : base(Resources.Format(resourceName, args))
    {
        ResourceName = resourceName;
        Arguments = args;
    }

    /// <summary>The name of the message in Strings.resx.</summary>
    public string ResourceName { get; }

    /// <summary>The values for the message's placeholders.</summary>
    public object[] Arguments { get; }
}
