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

    /// <summary>The export.</summary>
    public GoExport Export { get; }

    /// <summary>The parameter's name, or <c>result</c>.</summary>
    public string Parameter { get; }

    /// <summary>The Go type.</summary>
    public string GoType { get; }

    /// <summary>Why it has no binding.</summary>
    public string Reason { get; }
}
