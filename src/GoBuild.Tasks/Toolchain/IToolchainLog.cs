namespace GoBuild.Tasks.Toolchain;

/// <summary>Where the toolchain classes report progress; the task forwards it to MSBuild's log.</summary>
public interface IToolchainLog
{
    /// <summary>A line shown at minimal verbosity (an install starting).</summary>
    void Important(string resourceName, params object[] args);

    /// <summary>A line shown at normal verbosity (progress).</summary>
    void Normal(string resourceName, params object[] args);

    /// <summary>A line shown at detailed verbosity (decisions, cache hits).</summary>
    void Detail(string resourceName, params object[] args);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullToolchainLog : IToolchainLog
{
    /// <summary>The shared instance.</summary>
    public static NullToolchainLog Instance { get; } = new();

    /// <inheritdoc/>
    public void Important(string resourceName, params object[] args)
    {
    }

    /// <inheritdoc/>
    public void Normal(string resourceName, params object[] args)
    {
    }

    /// <inheritdoc/>
    public void Detail(string resourceName, params object[] args)
    {
    }
}
