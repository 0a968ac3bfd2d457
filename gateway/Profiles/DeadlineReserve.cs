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
/// backends, is the budget less the p99 of how long the latest fan-outs that ran into their deadline
/// took to end after it, never more than <see cref="FanOutOptions.MaxReserveShare"/> of the
/// budget. The p99, not the p95: the budget is a p99 promise, and when every fan-out runs into its
/// deadline (a backend hung), the 5 % beyond a p95 were the 5 % of answers after the budget
/// (`chaos`: the hang's p99 at 498.8–500.8 ms, docs/reliability.md). The window is
/// <see cref="LatencyTracker"/>'s, kept for the hedging delays; the reserve is read on every
/// request and recorded only by fan-outs that reached their deadline. It is forgotten once none
/// has for <see cref="ForgetAfter"/>: kept until more were late, the lag of an overload burst's
/// stalls held the parts to four fifths of their budget for every request after the burst
/// (docs/reliability.md, `overload`). Counting every fan-out (those in time as 0) would give it
/// back too, but was tried and taken out (docs/reliability.md, "Which reserve, then"): until the
/// window holds hundreds of fan-outs its far tail is their maximum, and one slow end held the
/// reserve near its cap for every request after it.
/// </summary>
public sealed class DeadlineReserve
{
    /// <summary>
    /// How long after the last fan-out that reached its deadline the reserve is kept: a stall long
    /// past says nothing of the machine now. Longer than the gaps between an overload's stalls
    /// (3–5 s in `overload`); a hang makes every fan-out late and keeps it for as long as it lasts.
    /// </summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(10);

    private readonly double _maxShare;
    private readonly TimeProvider _time;
    private LatencyTracker _stopLag = NewWindow();
    private long _lastLateAt;

    public DeadlineReserve(IOptions<FanOutOptions> options, IMeterFactory meterFactory, TimeProvider time)
    {
        _maxShare = options.Value.MaxReserveShare;
        _time = time;
        meterFactory.Create(GatewayTelemetry.Name).CreateObservableGauge(
            "profile.deadline_reserve", () => StopLag.TotalMilliseconds, "ms",
            "How much sooner than their budget the parts of a profile are stopped, to leave time to answer.");
    }

    /// <summary>
    /// The p99 of how long the latest fan-outs that reached their deadline took to end after it, or
    /// none once none has for <see cref="ForgetAfter"/>: the reserve, before the cap a request's budget sets.
    /// </summary>
    public TimeSpan StopLag => Forgotten(Volatile.Read(ref _lastLateAt)) ? TimeSpan.Zero : Volatile.Read(ref _stopLag).Tail;

    /// <summary>The time the parts of a request with <paramref name="budget"/> may run.</summary>
    public TimeSpan PartsBudget(TimeSpan budget)
    {
        var reserve = StopLag;
        var cap = budget * _maxShare;
        return budget - (reserve < cap ? reserve : cap);
    }

    /// <summary>A fan-out whose parts had <paramref name="partsBudget"/> ended after <paramref name="elapsed"/>.</summary>
    public void Record(TimeSpan partsBudget, TimeSpan elapsed)
    {
        if (elapsed >= partsBudget)
        {
            var lastLateAt = Interlocked.Exchange(ref _lastLateAt, _time.GetTimestamp());
            if (lastLateAt != 0 && Forgotten(lastLateAt))
            {
                // Two fan-outs may both start a window here; what one of them records first is lost, which the p99 of hundreds does not notice.
                Volatile.Write(ref _stopLag, NewWindow());
            }

            Volatile.Read(ref _stopLag).Record(elapsed - partsBudget);
        }
    }

    private static LatencyTracker NewWindow() => new(untilObserved: TimeSpan.Zero, minimum: TimeSpan.Zero, tailQuantile: 0.99);

    private bool Forgotten(long lateAt) => lateAt == 0 || _time.GetElapsedTime(lateAt) > ForgetAfter;
}
