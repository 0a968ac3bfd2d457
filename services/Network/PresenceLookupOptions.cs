namespace Profiles.Backends;

/// <summary>The <c>Network:PresenceLookups</c> configuration section: how the nested presence lookups hedge, and within what budget.</summary>
public sealed class PresenceLookupOptions
{
    public const string SectionName = "Network:PresenceLookups";

    /// <summary>
    /// Hedged lookups after the first, each one p95 after the last: two, as for the gateway's parts,
    /// because up to ten lookups wait on each other and one slow answer is the whole call's.
    /// </summary>
    public int MaxHedgedAttempts { get; set; } = 2;

    /// <summary>The hedging delay until the lookups have shown enough latencies for a p95.</summary>
    public TimeSpan HedgingDelayUntilObserved { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The hedging delay never drops below this, however fast the lookups have been.</summary>
    public TimeSpan HedgingMinimumDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Hedges as a fraction of lookups, as the gateway's <c>Resilience:ExtraAttemptRatio</c> (see <see cref="Profiles.Resilience.AttemptBudget"/>).</summary>
    public double ExtraAttemptRatio { get; set; } = 0.1;

    /// <summary>Hedges the lookups may have at once beyond what they have earned; as the gateway's <c>Resilience:ExtraAttemptBurst</c>.</summary>
    public double ExtraAttemptBurst { get; set; } = 10;
}
