using System.Collections.Concurrent;
using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Tests;

public sealed class HighResolutionTimeProviderTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly HighResolutionTimeProvider _time = new();

    public void Dispose() => _time.Dispose();

    [Fact]
    public async Task No_timer_fires_before_its_time()
    {
        // The runtime's timers fire early now and then (by up to 3.6 ms on 2026-12-04): they count a 4 ms clock.
        // Whole milliseconds, as Task.Delay truncates its delay to them.
        var fired = new ConcurrentBag<(TimeSpan Due, TimeSpan Elapsed)>();
        var timers = Enumerable.Range(0, 200).Select(index => TimeSpan.FromMilliseconds(index % 23 + 1)).Select(due =>
        {
            var start = TimeProvider.System.GetTimestamp();
            return Task.Delay(due, _time).ContinueWith(_ => fired.Add((due, TimeProvider.System.GetElapsedTime(start))), TaskScheduler.Default);
        });

        await Task.WhenAll(timers).WaitAsync(Generous, TestContext.Current.CancellationToken);

        Assert.Equal(200, fired.Count);
        Assert.All(fired, timer => Assert.True(timer.Elapsed >= timer.Due, $"due at {timer.Due.TotalMilliseconds} ms, fired at {timer.Elapsed.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task A_timer_hands_its_callback_the_state_and_the_creators_execution_context()
    {
        var flowing = new AsyncLocal<string> { Value = "the creator's" };
        var seen = new TaskCompletionSource<(object? State, string? Flowing)>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var timer = _time.CreateTimer(state => seen.TrySetResult((state, flowing.Value)), "state", TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);

        var (state, flowed) = await seen.Task.WaitAsync(Generous, TestContext.Current.CancellationToken);
        Assert.Equal("state", state);
        Assert.Equal("the creator's", flowed);
    }

    [Fact]
    public async Task A_periodic_timer_fires_until_it_is_disposed()
    {
        var ticks = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = _time.CreateTimer(_ =>
        {
            if (Interlocked.Increment(ref ticks) == 3)
            {
                third.TrySetResult();
            }
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(2));

        await third.Task.WaitAsync(Generous, TestContext.Current.CancellationToken);
        await timer.DisposeAsync();

        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task A_timer_changed_to_never_does_not_fire_at_its_old_time()
    {
        var early = 0;
        using var changed = _time.CreateTimer(_ => Interlocked.Increment(ref early), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        Assert.True(changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));

        // A timer due later than the old time, on the same queue: once it has fired, the old entry has come due and been dropped.
        await Task.Delay(TimeSpan.FromMilliseconds(40), _time, TestContext.Current.CancellationToken);

        Assert.Equal(0, Volatile.Read(ref early));
    }

    [Fact]
    public async Task A_delay_ends_when_its_token_is_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var delay = Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => delay.WaitAsync(Generous, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_interval_neither_infinite_nor_between_zero_and_the_longest_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(-2), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => _time.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromDays(50)));
    }

    [Fact]
    public void No_timer_is_made_once_the_provider_is_disposed()
    {
        _time.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _time.CreateTimer(_ => { }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
