using Profiles.Resilience;

namespace Profiles.Gateway.Resilience;

/// <summary>
/// What one part may spend on attempts beyond the first: retries of transient failures, and hedges
/// of slow attempts. Two budgets, so that a burst of failures cannot use up the hedges or the reverse.
/// </summary>
public sealed class PartBudgets(AttemptBudget retries, AttemptBudget hedges)
{
    public AttemptBudget Retries { get; } = retries;

    public AttemptBudget Hedges { get; } = hedges;

    /// <summary>Every call earns both budgets their share.</summary>
    public void RecordCall()
    {
        Retries.RecordCall();
        Hedges.RecordCall();
    }
}
