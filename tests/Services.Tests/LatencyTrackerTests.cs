using Profiles.Resilience;

namespace Profiles.Services.Tests;

/// <summary>The sliding p95 that the gateway's parts and the network service's presence lookups hedge after (and the gateway's reserve to answer in keeps at p99).</summary>
public sealed class LatencyTrackerTests
{
    [Fact]
    public void The_hedging_delay_follows_the_observed_p95_once_there_are_enough_samples()
    {
        var tracker = new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1), minimumSamples: 20);
        for (var i = 1; i <= 15; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(10), tracker.Tail);

        for (var i = 1; i <= 100; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(i));
        }

        Assert.InRange(tracker.Tail.TotalMilliseconds, 90, 100);
    }

    [Fact]
    public void A_tracker_told_another_quantile_keeps_that_one()
    {
        var tracker = new LatencyTracker(TimeSpan.Zero, TimeSpan.Zero, minimumSamples: 20, tailQuantile: 0.99);
        for (var i = 1; i <= 100; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(i));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(99), tracker.Tail);
    }

    [Fact]
    public void The_hedging_delay_never_drops_below_the_minimum()
    {
        var tracker = new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(2), minimumSamples: 20);
        for (var i = 1; i <= 32; i++)
        {
            tracker.Record(TimeSpan.FromMicroseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(2), tracker.Tail);
    }

    [Fact]
    public void When_every_call_slows_down_the_delay_follows_the_recent_median_within_a_few_calls()
    {
        var tracker = new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1), minimumSamples: 20);
        for (var i = 0; i < 512; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(10));
        }

        for (var i = 0; i < 9; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(300));
        }

        // Nine slow calls of 512 leave the p95 where it was; the median of the latest calls has moved.
        Assert.Equal(TimeSpan.FromMilliseconds(10), tracker.Tail);
        Assert.Equal(TimeSpan.FromMilliseconds(300), tracker.HedgingDelay);
    }

    [Fact]
    public void The_delay_is_the_p95_while_most_calls_are_fast()
    {
        var tracker = new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1), minimumSamples: 20);
        for (var i = 1; i <= 100; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(i % 20 == 0 ? 1000 : 10));
        }

        Assert.Equal(tracker.Tail, tracker.HedgingDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(10), tracker.RecentMedian);
    }

    [Fact]
    public void A_lost_hedge_holds_the_delay_beyond_the_winner_s_latency_for_the_next_calls()
    {
        var tracker = new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1), minimumSamples: 20);
        for (var i = 0; i < 100; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(10));
        }

        tracker.RecordLostHedge(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(150), tracker.HedgingDelay);
        for (var i = 0; i < 15; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(150), tracker.HedgingDelay);
        tracker.Record(TimeSpan.FromMilliseconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(10), tracker.HedgingDelay);
    }
}
