using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Telemetry;
using Profiles.Resilience;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// How much sooner than the request's budget its parts must stop for the answer to leave within it.
/// A part stopped at its deadline still has to unwind (its call cancelled, its continuation
/// scheduled) before the fan-out can assemble, and on a saturated machine each step waits for a
/// core: with a backend hung and the deadline at the budget, `chaos` measured the answers' p99 at
/// 519–541 ms against 500 (docs/reliability.md). So the parts' deadline, the one that travels to the
/// backends, is the budget less the p99.8 of how long after it the latest fan-outs ended, those
/// that ended before it counting none, and never more than <see cref="FanOutOptions.MaxReserveShare"/>
/// of the budget. A fan-out answers after its budget only if it ran into its deadline and then
/// took longer than the reserve, so the budget's p99 promise would ask for the p99; the p99.8,
/// because late ends come together, in a saturated machine's stalls, and the window hears of a
/// stall only as its fan-outs end. Every fan-out counts, so that the reserve is given back once
/// fan-outs end in time again: counting only the late ones kept the last late lags however long
/// ago they were (after an `overload` burst the reserve stood at its cap for every request after
/// it; docs/reliability.md, "Which reserve, then"). The window is <see cref="LatencyTracker"/>'s,
/// kept for the hedging delays; the reserve is read and recorded by every request.
/// </summary>
public sealed class DeadlineReserve
{
    private readonly LatencyTracker _stopLag = new(untilObserved: TimeSpan.Zero, minimum: TimeSpan.Zero, tailQuantile: 0.998);
    private readonly double _maxShare;

    public DeadlineReserve(IOptions<FanOutOptions> options, IMeterFactory meterFactory)
    {
        _maxShare = options.Value.MaxReserveShare;
        meterFactory.Create(GatewayTelemetry.Name).CreateObservableGauge(
            "profile.deadline_reserve", () => StopLag.TotalMilliseconds, "ms",
            "How much sooner than their budget the parts of a profile are stopped, to leave time to answer.");
    }

    /// <summary>
    /// The p99.8 of how long after their deadline the latest fan-outs ended (none, for those that
    /// ended before it): the reserve, before the cap a request's budget sets.
    /// </summary>
    public TimeSpan StopLag => _stopLag.Tail;

    /// <summary>The time the parts of a request with <paramref name="budget"/> may run.</summary>
    public TimeSpan PartsBudget(TimeSpan budget)
    {
        var reserve = StopLag;
        var cap = budget * _maxShare;
        return budget - (reserve < cap ? reserve : cap);
    }

    /// <summary>A fan-out whose parts had <paramref name="partsBudget"/> ended after <paramref name="elapsed"/>.</summary>
    public void Record(TimeSpan partsBudget, TimeSpan elapsed) =>
        _stopLag.Record(elapsed > partsBudget ? elapsed - partsBudget : TimeSpan.Zero);
}
