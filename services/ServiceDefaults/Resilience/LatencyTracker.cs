namespace Profiles.Resilience;

/// <summary>
/// The recent latencies of one kind of call (a gateway part, the network service's presence
/// lookups), for its hedging delay: "The Tail at Scale" sends the second request once the first
/// has run longer than the 95th percentile. Kept by hand because the ecosystem's histograms
/// (HdrHistogram, the metrics SDK) aggregate forever or export, and this needs a cheap, sliding p95
/// read on every call.
/// </summary>
public sealed class LatencyTracker(TimeSpan untilObserved, TimeSpan minimum, int minimumSamples = 20)
{
    private const int WindowSize = 512;
    private const int RecomputeEvery = 16;

    /// <summary>
    /// The latest calls whose median the delay never falls below. Few, so that a backend that slows
    /// down as a whole lifts the delay within a few calls, seconds even at one call a second, where
    /// the p95 of the whole window waits for 5 % of it to be slow.
    /// </summary>
    private const int RecentSize = 16;

    /// <summary>After a lost hedge, the delay stays at least half as long again as the call that won, for this many calls.</summary>
    private const double LostHedgeBackoff = 1.5;

    private readonly double[] _window = new double[WindowSize];
    private readonly double[] _recentSorted = new double[RecentSize];
    private readonly Lock _gate = new();
    private long _recorded;
    private TimeSpan _p95 = untilObserved;
    private TimeSpan _recentMedian = TimeSpan.Zero;
    private TimeSpan _lostHedgeFloor = TimeSpan.Zero;
    private int _lostHedgeCallsLeft;

    /// <summary>The p95 of the window, never below <c>minimum</c>; <c>untilObserved</c> until there are enough samples.</summary>
    public TimeSpan P95
    {
        get
        {
            lock (_gate)
            {
                return _p95;
            }
        }
    }

    /// <summary>The median of the latest calls: what most calls take right now.</summary>
    public TimeSpan RecentMedian
    {
        get
        {
            lock (_gate)
            {
                return _recentMedian;
            }
        }
    }

    /// <summary>
    /// How long an attempt runs before it is hedged: the p95, but never below the recent median, and
    /// backed off while hedges are losing. A hedge sent before most calls answer races an attempt that
    /// is not late, only as slow as all the others, and adds to the load of a backend that has slowed down.
    /// </summary>
    public TimeSpan HedgingDelay
    {
        get
        {
            lock (_gate)
            {
                return Max(Max(_p95, _recentMedian), _lostHedgeFloor);
            }
        }
    }

    /// <summary>
    /// A call was hedged, yet its first attempt answered first, after <paramref name="firstAttempt"/>:
    /// the hedge only added load. Until the next <see cref="RecentSize"/> calls have passed, the delay
    /// stays beyond that latency, which one call alone cannot lift the median to.
    /// </summary>
    public void RecordLostHedge(TimeSpan firstAttempt)
    {
        lock (_gate)
        {
            _lostHedgeFloor = Max(_lostHedgeFloor, firstAttempt * LostHedgeBackoff);
            _lostHedgeCallsLeft = RecentSize;
        }
    }

    public void Record(TimeSpan latency)
    {
        lock (_gate)
        {
            _window[_recorded % WindowSize] = latency.TotalMilliseconds;
            _recorded++;
            _recentMedian = TimeSpan.FromMilliseconds(RecentMedianOfWindow());
            if (_lostHedgeCallsLeft > 0 && --_lostHedgeCallsLeft == 0)
            {
                _lostHedgeFloor = TimeSpan.Zero;
            }
            if (_recorded >= minimumSamples && _recorded % RecomputeEvery == 0)
            {
                _p95 = Max(minimum, TimeSpan.FromMilliseconds(Percentile(0.95)));
            }
        }
    }

    private double RecentMedianOfWindow()
    {
        var count = (int)Math.Min(_recorded, RecentSize);
        for (var i = 0; i < count; i++)
        {
            _recentSorted[i] = _window[(_recorded - 1 - i) % WindowSize];
        }

        var recent = _recentSorted.AsSpan(0, count);
        recent.Sort();
        return recent[(count - 1) / 2];
    }

    private double Percentile(double quantile)
    {
        var count = (int)Math.Min(_recorded, WindowSize);
        var sorted = _window.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        return sorted[Math.Min(count - 1, (int)Math.Ceiling(quantile * count) - 1)];
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
