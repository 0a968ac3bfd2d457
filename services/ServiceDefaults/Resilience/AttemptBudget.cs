using Polly;

namespace Profiles.Resilience;

/// <summary>
/// The one budget of a backend's extra attempts, hedges and retries together, so that a backend
/// that slows down or fails as a whole gets at most <c>ratio</c> more calls than it was asked for,
/// plus a small burst. Every call deposits <c>ratio</c> of a token, every extra attempt withdraws
/// one, and the bucket holds <c>burst</c> at most. Refilled by calls, never by time (gRPC's A6
/// retry throttling is refilled the same way): a budget refilled per second is generous when calls
/// are few, and at one call a second a few extra attempts a second would triple the load. So the
/// bound, extra attempts ≤ ratio × calls + burst over any stretch of time, holds at every rate.
/// Kept by hand because neither Polly v8 nor Microsoft.Extensions.Resilience has a budget, and
/// System.Threading.RateLimiting's token bucket refills by time, or by whole tokens per call.
/// </summary>
public sealed class AttemptBudget(string backend, double ratio, double burst, AttemptBudgetTelemetry? telemetry = null)
{
    /// <summary>
    /// Called when the budget refuses an extra attempt of the call whose <see cref="ResilienceContext"/>
    /// carries it: so that the call's own report can say why it was not hedged or retried.
    /// </summary>
    public static readonly ResiliencePropertyKey<Action> Refused = new("profiles.budget.refused");

    private readonly Lock _gate = new();
    private readonly double _burst = burst;
    private double _tokens = burst;

    public string Backend { get; } = backend;

    public void RecordCall()
    {
        lock (_gate)
        {
            _tokens = Math.Min(_burst, _tokens + ratio);
        }
    }

    /// <summary>Spends a token on an extra attempt of <paramref name="context"/>'s call, or refuses it and tells the call.</summary>
    public bool TryWithdraw(ExtraAttempt kind, ResilienceContext context)
    {
        bool granted;
        lock (_gate)
        {
            granted = _tokens >= 1;
            if (granted)
            {
                _tokens--;
            }
        }

        telemetry?.Record(Backend, kind, granted);
        if (!granted && context.Properties.TryGetValue(Refused, out var refused))
        {
            refused();
        }

        return granted;
    }
}
