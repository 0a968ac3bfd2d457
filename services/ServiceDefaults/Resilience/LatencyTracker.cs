namespace Profiles.Resilience;

/// <summary>
/// The recent latencies of one kind of call (a gateway part, the network service's presence
/// lookups), for its hedging delay: "The Tail at Scale" sends the second request once the first
/// has run longer than the 95th percentile. Kept by hand because the ecosystem's histograms
/// (HdrHistogram, the metrics SDK) aggregate forever or export, and this needs a cheap, sliding p95
/// read on every call. The same window serves the gateway's reserve to answer in, at its p99
/// (<c>tailQuantile</c>).
/// </summary>
public sealed class LatencyTracker(TimeSpan untilObserved, TimeSpan minimum, int minimumSamples = 20, double tailQuantile = 0.95)
{
    private const int WindowSize = 512;
    private const int RecomputeEvery = 16;

    /// <summary>
    /// The latest calls whose median the delay never falls below. Few, so that a backend that slows
    /// down as a whole lifts the delay within a few calls, seconds even at one call a second, where
    /// the p95 of the whole window waits for 5 % of it to be slow.
    /// </summary>
    private const int RecentSize = 16;

    /// <summary>
    /// After a lost hedge, the delay stays at least half as long again as the call that won, for
    /// <see cref="RecentSize"/> calls. Without it, hedges sent into a stall that holds their first
    /// attempt too empty the budget, and a truly slow call goes unhedged: `tail`'s p99.9 was 1,005 ms
    /// against 51–71 ms with it (docs/benchmarks.md, 2026-12-05).
    /// </summary>
    private const double LostHedgeBackoff = 1.5;

    private readonly double[] _window = new double[WindowSize];
    private readonly double[] _recentSorted = new double[RecentSize];
    private readonly double[] _windowSorted = new double[WindowSize];

    /// <summary>
    /// Held only to recompute. Every call of a part records here and reads the delay, so neither
    /// waits for it: a sample lands in the window without it, and whoever finds it taken leaves the
    /// recomputing to its holder or the next call (docs/benchmarks.md, "Cost per profile").
    /// </summary>
    private readonly Lock _recompute = new();
    private long _recorded;
    private long _tailRecomputedAt;
    private long _tailTicks = untilObserved.Ticks;
    private long _recentMedianTicks;
    private long _lostHedgeFloorTicks;
    private long _lostHedgeUntilRecorded;

    /// <summary>
    /// The window's <c>tailQuantile</c> (its p95 unless told otherwise), never below <c>minimum</c>;
    /// <c>untilObserved</c> until there are enough samples.
    /// </summary>
    public TimeSpan Tail => TimeSpan.FromTicks(Volatile.Read(ref _tailTicks));

    /// <summary>The median of the latest calls: what most calls take right now.</summary>
    public TimeSpan RecentMedian => TimeSpan.FromTicks(Volatile.Read(ref _recentMedianTicks));

    /// <summary>
    /// How long an attempt runs before it is hedged: the p95, but never below the recent median, and
    /// backed off while hedges are losing. A hedge sent before most calls answer races an attempt that
    /// is not late, only as slow as all the others, and adds to the load of a backend that has slowed down.
    /// </summary>
    public TimeSpan HedgingDelay => Max(Max(Tail, RecentMedian), LostHedgeFloor());

    /// <summary>
    /// A call was hedged, yet its first attempt answered first, after <paramref name="firstAttempt"/>:
    /// the hedge only added load. Until the next <see cref="RecentSize"/> calls have passed, the delay
    /// stays beyond that latency, which one call alone cannot lift the median to.
    /// </summary>
    public void RecordLostHedge(TimeSpan firstAttempt)
    {
        lock (_recompute)
        {
            var floor = Max(LostHedgeFloor(), firstAttempt * LostHedgeBackoff);
            Volatile.Write(ref _lostHedgeFloorTicks, floor.Ticks);
            Volatile.Write(ref _lostHedgeUntilRecorded, Volatile.Read(ref _recorded) + RecentSize);
        }
    }

    public void Record(TimeSpan latency)
    {
        var recorded = Interlocked.Increment(ref _recorded);
        Volatile.Write(ref _window[(recorded - 1) % WindowSize], latency.TotalMilliseconds);
        if (!_recompute.TryEnter())
        {
            return;
        }

        try
        {
            // The latest count, which may include a sample whose slot another caller is still
            // writing: the window then holds its slot's older latency for one recompute.
            recorded = Volatile.Read(ref _recorded);
            Volatile.Write(ref _recentMedianTicks, TimeSpan.FromMilliseconds(RecentMedianOfWindow(recorded)).Ticks);
            if (recorded >= minimumSamples && recorded - _tailRecomputedAt >= RecomputeEvery)
            {
                _tailRecomputedAt = recorded;
                Volatile.Write(ref _tailTicks, Max(minimum, TimeSpan.FromMilliseconds(Percentile(recorded, tailQuantile))).Ticks);
            }
        }
        finally
        {
            _recompute.Exit();
        }
    }

    private TimeSpan LostHedgeFloor() =>
        Volatile.Read(ref _recorded) < Volatile.Read(ref _lostHedgeUntilRecorded)
            ? TimeSpan.FromTicks(Volatile.Read(ref _lostHedgeFloorTicks))
            : TimeSpan.Zero;

    private double RecentMedianOfWindow(long recorded)
    {
        var count = (int)Math.Min(recorded, RecentSize);
        for (var i = 0; i < count; i++)
        {
            _recentSorted[i] = Volatile.Read(ref _window[(recorded - 1 - i) % WindowSize]);
        }

        var recent = _recentSorted.AsSpan(0, count);
        recent.Sort();
        return recent[(count - 1) / 2];
    }

    private double Percentile(long recorded, double quantile)
    {
        var count = (int)Math.Min(recorded, WindowSize);
        var sorted = _windowSorted.AsSpan(0, count);
        _window.AsSpan(0, count).CopyTo(sorted);
        sorted.Sort();
        return sorted[Math.Min(count - 1, (int)Math.Ceiling(quantile * count) - 1)];
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
