using GoBuild.Tasks.SupplyChain;

namespace GoBuild.Tasks;

/// <summary>
/// Checks the supply-chain settings before anything runs go or uses the network (it runs ahead of
/// GoEnsureToolchain, in restore and build): a GoAuditSource the audit could not use is GOB3105
/// here, not after go built the outputs. The rule is VulnDbSource's, the one the audit applies.
/// </summary>
public sealed class GoCheckSupplyChainSettings : CodedTask
{
    /// <summary>The project folder (a relative GoAuditSource folder is relative to it).</summary>
    [Microsoft.Build.Framework.Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>GoAuditSource.</summary>
    public string? AuditSource { get; set; }

    /// <inheritdoc/>
    protected override void ExecuteCore() => VulnDbSource.Parse(AuditSource, ProjectDirectory);
}
