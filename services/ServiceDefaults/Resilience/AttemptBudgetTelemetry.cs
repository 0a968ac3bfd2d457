using System.Diagnostics.Metrics;

namespace Profiles.Resilience;

/// <summary>
/// The budgets' decisions as a metric, <c>profiles.extra_attempts</c> by backend, kind (hedge,
/// retry) and outcome (granted, refused): the dashboard's view of how much a slow backend was
/// spared. Polly's own metrics count the hedges sent, never the ones a budget refused.
/// </summary>
public sealed class AttemptBudgetTelemetry
{
    public const string MeterName = "Profiles.Resilience";

    private readonly Counter<long> _extraAttempts;

    public AttemptBudgetTelemetry(IMeterFactory meterFactory) =>
        _extraAttempts = meterFactory.Create(MeterName).CreateCounter<long>(
            "profiles.extra_attempts", "{attempt}", "Hedges and retries asked of a backend's attempt budget, by backend, kind and outcome.");

    public void Record(string backend, ExtraAttempt kind, bool granted) =>
        _extraAttempts.Add(
            1,
            new KeyValuePair<string, object?>("backend", backend),
            new KeyValuePair<string, object?>("kind", kind == ExtraAttempt.Hedge ? "hedge" : "retry"),
            new KeyValuePair<string, object?>("outcome", granted ? "granted" : "refused"));
}
