namespace GoBuild.Tasks.Interop;

/// <summary>An export left out of the bindings (GOB5101): which function, which parameter, which type, why.</summary>
public sealed class BindingProblem
{
    /// <summary>Creates the problem.</summary>
    public BindingProblem(GoExport export, string parameter, string goType, string reason)
    {
        Export = export;
        Parameter = parameter;
        GoType = goType;
        Reason = reason;
    }

    /// <summary>Whether the platforms the Go project builds for disagree on the export (GOB5111) rather than a type being outside the map (GOB5101).</summary>
    public bool PlatformsDisagree { get; set; }

    /// <summary>The export.</summary>
    public GoExport Export { get; }

    /// <summary>The parameter's name, or <c>result</c>.</summary>
    public string Parameter { get; }

    /// <summary>The Go type.</summary>
    public string GoType { get; }

    /// <summary>Why it has no binding.</summary>
    public string Reason { get; }
}
