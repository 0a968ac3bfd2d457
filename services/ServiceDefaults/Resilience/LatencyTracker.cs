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

    private readonly double[] _window = new double[WindowSize];
    private readonly Lock _gate = new();
    private long _recorded;
    private TimeSpan _p95 = untilObserved;

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

    public void Record(TimeSpan latency)
    {
        lock (_gate)
        {
            _window[_recorded % WindowSize] = latency.TotalMilliseconds;
            _recorded++;
            if (_recorded >= minimumSamples && _recorded % RecomputeEvery == 0)
            {
                _p95 = Max(minimum, TimeSpan.FromMilliseconds(Percentile(0.95)));
            }
        }
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
