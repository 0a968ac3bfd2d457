namespace Profiles.Gateway.Resilience;

/// <summary>The <c>Resilience</c> configuration section: how parts retry, hedge and break.</summary>
public sealed class PartResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>Retries of a transient failure, per part call, while the budget allows.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The hedging delay until the part has shown enough latencies for a p95.</summary>
    public TimeSpan HedgingDelayUntilObserved { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The hedging delay never drops below this, however fast the part has been.</summary>
    public TimeSpan HedgingMinimumDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Hedged attempts after the first, each one p95 after the last. Two make a 2 % tail a 0.0008 %
    /// one, where a single hedge would leave 0.04 % of calls waiting for the slow answer.
    /// </summary>
    public int MaxHedgedAttempts { get; set; } = 2;

    /// <summary>
    /// Extra attempts, hedges and retries together, as a fraction of a backend's calls (see
    /// <see cref="Profiles.Resilience.AttemptBudget"/>). Hedging at the p95 sends about one hedge per
    /// twenty calls while latency holds still; when it shifts upward every call would hedge, twice,
    /// until the delay catches up: 0.1 leaves the first room and caps the second at 1.1 times the calls.
    /// </summary>
    public double ExtraAttemptRatio { get; set; } = 0.1;

    /// <summary>
    /// Extra attempts a backend may have at once beyond what its calls have earned. Ten is what a
    /// part's calls earn in a second at 100 profiles a second. With three, a moment's stall on a busy
    /// machine, when every call is late at once, emptied the bucket, and the next truly slow call went
    /// unhedged: hedging then cut the tail scenario's p99 but no longer its p99.9 (docs/benchmarks.md, "no retry storm").
    /// </summary>
    public double ExtraAttemptBurst { get; set; } = 10;

    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// An attempt the deadline stopped counts against its backend only once it had this long, as
    /// Resilience4j's slow-call threshold: the budget is the client's to choose, and a client asking
    /// for 20 ms must not open a breaker that every other client then meets. Half the default budget,
    /// so that a backend that takes calls and never answers still opens it.
    /// </summary>
    public TimeSpan BreakerSlowAttempt { get; set; } = TimeSpan.FromMilliseconds(250);
}
