using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Hosting;

namespace Profiles.Gateway.Tests;

/// <summary>The admission limiter's queue and its moving limit, on fake time; the rules that move it.</summary>
public sealed class AdmissionLimiterTests : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly AdmissionLimiter _limiter;

    public AdmissionLimiterTests() => _limiter = new AdmissionLimiter(initialLimit: 1, queueLimit: 100, MaxWait, _time);

    public void Dispose() => _limiter.Dispose();

    private ValueTask<RateLimitLease> AcquireAsync() => _limiter.AcquireAsync(1, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Requests_beyond_the_limit_wait_and_take_their_turns_oldest_first()
    {
        using var first = await AcquireAsync();
        var second = AcquireAsync().AsTask();
        var third = AcquireAsync().AsTask();

        Assert.True(first.IsAcquired);
        Assert.False(second.IsCompleted);
        first.Dispose();
        Assert.True((await second).IsAcquired);
        Assert.False(third.IsCompleted);
        Assert.True(_limiter.TakeLimitReached());
        Assert.False(_limiter.TakeLimitReached());
    }

    [Fact]
    public async Task A_raised_limit_admits_the_waiting_requests_at_once()
    {
        using var first = await AcquireAsync();
        var waiting = Enumerable.Range(0, 3).Select(_ => AcquireAsync().AsTask()).ToList();

        _limiter.SetLimit(4);

        Assert.All(await Task.WhenAll(waiting), lease => Assert.True(lease.IsAcquired));
        Assert.Equal(0, _limiter.GetStatistics().CurrentAvailablePermits);
    }

    [Fact]
    public async Task A_cut_limit_stops_nothing_running_and_admits_no_one_until_fan_outs_have_ended_below_it()
    {
        _limiter.SetLimit(3);
        var running = new List<RateLimitLease> { await AcquireAsync(), await AcquireAsync(), await AcquireAsync() };
        _limiter.SetLimit(1);
        var waiting = AcquireAsync().AsTask();
        Assert.Equal(3, _limiter.InFlight);

        running[0].Dispose();
        running[1].Dispose();
        Assert.Equal(1, _limiter.InFlight);
        Assert.False(waiting.IsCompleted);
        running[2].Dispose();

        Assert.True((await waiting).IsAcquired);
    }

    [Fact]
    public async Task Once_the_oldest_has_waited_the_longest_wait_a_new_request_is_refused_at_once()
    {
        using var first = await AcquireAsync();
        var queued = AcquireAsync().AsTask();
        _time.Advance(MaxWait);

        using var refused = await AcquireAsync();

        Assert.False(refused.IsAcquired);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, _limiter.GetStatistics().TotalFailedLeases);
    }

    [Fact]
    public async Task A_request_the_queue_ahead_would_hold_for_the_longest_wait_is_refused_at_once()
    {
        using var limiter = new AdmissionLimiter(initialLimit: 2, queueLimit: 100, TimeSpan.FromSeconds(10), _time);
        // Fan-outs have taken a second each, two at a time: a queue drains at two a second.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var lease = await limiter.AcquireAsync(1, TestContext.Current.CancellationToken);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var running = new[] { await limiter.AcquireAsync(1, TestContext.Current.CancellationToken), await limiter.AcquireAsync(1, TestContext.Current.CancellationToken) };
        var waiting = Enumerable.Range(0, 19).Select(_ => limiter.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask()).ToList();
        // The 20th in the queue would wait ten rounds of two, 10 s: refused, though the oldest has waited no time at all.
        using var refused = await limiter.AcquireAsync(1, TestContext.Current.CancellationToken);

        Assert.False(refused.IsAcquired);
        Assert.All(waiting, lease => Assert.False(lease.IsCompleted));
        Assert.All(running, lease => lease.Dispose());
    }

    [Fact]
    public async Task A_request_is_refused_by_the_pace_the_queue_drained_at_though_the_mean_fan_out_says_it_would_not_wait()
    {
        using var limiter = new AdmissionLimiter(initialLimit: 2, queueLimit: 100, MaxWait, _time);
        var token = TestContext.Current.CancellationToken;
        var running = new[] { await limiter.AcquireAsync(1, token), await limiter.AcquireAsync(1, token) };
        limiter.SetLimit(1);
        var first = limiter.AcquireAsync(1, token).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(99));
        var second = limiter.AcquireAsync(1, token).AsTask();

        // Two fan-outs of 100 ms end after the cut: the first ending admits nobody, the second the oldest waiter.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Array.ForEach(running, lease => lease.Dispose());
        using var admitted = await first.WaitAsync(TimeSpan.FromSeconds(30), token);
        _time.Advance(TimeSpan.FromMilliseconds(900));

        // One waits ahead, for 901 ms so far, and the queue has given one turn in the second it stood:
        // refused. The mean fan-out (100 ms) would have queued it for two rounds of 100 ms.
        var next = limiter.AcquireAsync(1, token).AsTask();

        Assert.True(next.IsCompleted, "queued, not refused");
        using var refused = await next;
        Assert.True(admitted.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task A_queue_that_drains_in_bursts_is_judged_by_its_pace_over_time_not_by_the_gaps_within_a_burst()
    {
        using var limiter = new AdmissionLimiter(initialLimit: 10, queueLimit: 1_000, MaxWait, _time);
        var token = TestContext.Current.CancellationToken;
        var running = Enumerable.Range(0, 10).Select(_ => limiter.AcquireAsync(1, token).AsTask()).ToList();
        var waiting = new Queue<Task<RateLimitLease>>(Enumerable.Range(0, 20).Select(_ => limiter.AcquireAsync(1, token).AsTask()));

        // Ten fan-outs end together every 400 ms (they ran into their deadline together) and give their
        // turns to the ten oldest waiters; ten new requests arrive as they do: the queue drains at 25 a second.
        for (var cycle = 0; cycle < 5; cycle++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(400));
            foreach (var lease in running)
            {
                (await lease.WaitAsync(TimeSpan.FromSeconds(30), token)).Dispose();
            }

            running = [.. Enumerable.Range(0, 10).Select(_ => waiting.Dequeue())];
            for (var i = 0; i < 10; i++)
            {
                waiting.Enqueue(limiter.AcquireAsync(1, token).AsTask());
            }
        }

        _time.Advance(TimeSpan.FromMilliseconds(200));
        // 200 ms after the last burst, twenty wait and the oldest has waited 600 ms. The 21st place
        // can expect about 0.85 s at 25 a second, the 30th about 1.2 s.
        var arriving = Enumerable.Range(0, 10).Select(_ => limiter.AcquireAsync(1, token).AsTask()).ToList();

        Assert.Equal(20, waiting.Count);
        Assert.False(arriving[0].IsCompleted, "the 21st place is queued");
        Assert.True(arriving[^1].IsCompleted && !(await arriving[^1]).IsAcquired, "the 30th place is refused");
    }

    [Fact]
    public async Task A_waiting_request_whose_caller_left_leaves_the_queue_and_the_next_one_takes_the_turn()
    {
        using var first = await AcquireAsync();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var abandoned = _limiter.AcquireAsync(1, caller.Token).AsTask();
        var next = AcquireAsync().AsTask();

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(1, _limiter.GetStatistics().CurrentQueuedCount);
        first.Dispose();

        Assert.True((await next).IsAcquired);
    }

    [Theory]
    // More than 1 % of the interval's fan-outs overran their budget: cut by a fifth, never below the floor, whatever the probes say.
    [InlineData(100, 100, 2, false, true, 0, 80)]
    [InlineData(100, 10, 1, false, false, 50, 80)]
    [InlineData(5, 10, 10, false, true, 0, 4)]
    // The same, while fan-outs admitted before the last cut may still be running: left alone.
    [InlineData(100, 100, 2, true, true, 0, 100)]
    // None overran, the probes saw room and the limit held requests back: raised by a quarter (which LimitClimb tries), at least by one, never beyond the ceiling.
    [InlineData(100, 100, 0, false, true, 5, 125)]
    [InlineData(100, 100, 0, true, true, 5, 125)]
    [InlineData(2, 0, 0, false, true, 0, 3)]
    [InlineData(9_900, 100, 0, false, true, 1, 10_000)]
    // Overruns within the share, no room in the pool, or nothing held back: left alone.
    [InlineData(100, 100, 1, false, true, 0, 100)]
    [InlineData(100, 100, 0, false, true, 6, 100)]
    [InlineData(100, 100, 0, false, false, 0, 100)]
    public void The_limit_is_cut_once_per_fan_out_when_fan_outs_overrun_their_budget_and_raised_only_when_none_did_the_pool_had_room_and_the_limit_held_requests_back(
        int limit, long ended, long overrun, bool cutPending, bool limitReached, int medianDelayMs, int expected)
    {
        var options = new AdmissionOptions { MinConcurrentFanOuts = 4, MaxConcurrentFanOuts = 10_000, MaxOverrunShare = 0.01, TargetSchedulingDelay = TimeSpan.FromMilliseconds(5) };
        var evidence = new AdmissionEvidence(ended, overrun, cutPending, limitReached, TimeSpan.FromMilliseconds(medianDelayMs));

        Assert.Equal(expected, AdmissionLimitController.NextLimit(limit, evidence, options));
    }
}
