using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Profiles.Resilience;

/// <summary>
/// Each hedged call's hedging delay as it stands, <c>profiles.hedging.delay</c> by call (a gateway
/// part, the network service's presence lookups): a hedge goes out after it, so it is how late in a
/// call the tail is cut, and it moves with the load. Polly's own metrics count the hedges sent,
/// never the delay before them.
/// </summary>
public sealed class HedgingDelayTelemetry
{
    private readonly ConcurrentDictionary<string, LatencyTracker> _trackers = new(StringComparer.Ordinal);

    public HedgingDelayTelemetry(IMeterFactory meterFactory) =>
        meterFactory.Create(AttemptBudgetTelemetry.MeterName).CreateObservableGauge(
            "profiles.hedging.delay", Observe, "ms", "How long an attempt runs before it is hedged, by call, as its latencies set it now.");

    /// <summary>The delay of each call tracked so far, in milliseconds.</summary>
    public IReadOnlyDictionary<string, double> DelaysMs => _trackers.ToDictionary(pair => pair.Key, pair => pair.Value.HedgingDelay.TotalMilliseconds, StringComparer.Ordinal);

    /// <summary>Reports <paramref name="tracker"/>'s delay as <paramref name="call"/>'s from now on.</summary>
    public LatencyTracker Track(string call, LatencyTracker tracker)
    {
        _trackers[call] = tracker;
        return tracker;
    }

    private IEnumerable<Measurement<double>> Observe() =>
        _trackers.Select(pair => new Measurement<double>(pair.Value.HedgingDelay.TotalMilliseconds, new KeyValuePair<string, object?>("call", pair.Key)));
}
