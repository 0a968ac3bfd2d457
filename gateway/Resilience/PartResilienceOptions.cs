namespace Profiles.Gateway.Resilience;

/// <summary>The <c>Resilience</c> configuration section: how parts retry, hedge and break.</summary>
public sealed class PartResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>Retries of a transient failure, per part call, while the budget allows.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Retries as a fraction of calls (0.1: at most one retry per ten calls, beyond the minimum).</summary>
    public double RetryBudgetRatio { get; set; } = 0.1;

    public int RetryBudgetMinimumPerSecond { get; set; } = 5;

    /// <summary>The hedging delay never drops below this, and is this until enough latencies were seen.</summary>
    public TimeSpan HedgingFloor { get; set; } = TimeSpan.FromMilliseconds(10);

    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(3);
}
