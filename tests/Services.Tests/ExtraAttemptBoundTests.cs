using Microsoft.Extensions.Time.Testing;
using Polly;
using Profiles.Resilience;

namespace Profiles.Services.Tests;

/// <summary>
/// A backend's budget in Polly's hedging and retry, on fake time: however fast or slow the calls
/// come, the extra attempts stay within ratio × calls + burst, and hedges and retries pay from the
/// same budget. Every attempt takes 300 ms, far beyond the hedging delay, as when a backend has
/// slowed down as a whole and every call would hedge twice.
/// </summary>
public sealed class ExtraAttemptBoundTests
{
    private const double Ratio = 0.1;
    private const double Burst = 3;
    private const int MaxHedges = 2;

    private static readonly TimeSpan HedgingDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan AttemptTakes = TimeSpan.FromMilliseconds(300);

    private readonly FakeTimeProvider _time = new();
    private readonly AttemptBudget _budget = new("presence", Ratio, Burst);
    private int _attempts;
    private int _refusals;

    /// <summary>The tracker is never fed, so the delay stays at 10 ms: every call wants its two hedges, and only the budget stands in the way.</summary>
    private ResiliencePipeline<string> Pipeline(bool retries = false)
    {
        var builder = new ResiliencePipelineBuilder<string> { TimeProvider = _time };
        if (retries)
        {
            builder.AddRetry(BudgetedRetry.Options<string>(2, TimeSpan.Zero, exception => exception is TimeoutException, _budget));
        }

        return builder
            .AddHedging(TailHedging.Options<string>(MaxHedges, new LatencyTracker(HedgingDelay, TimeSpan.FromMilliseconds(1)), _budget))
            .Build();
    }

    [Theory]
    [InlineData(60, 1_000)]
    [InlineData(300, 1)]
    public async Task Extra_attempts_stay_within_the_bound_at_any_rate(int calls, int millisecondsApart)
    {
        var pipeline = Pipeline();

        for (var i = 0; i < calls; i++)
        {
            await SlowCallAsync(pipeline);
            _time.Advance(TimeSpan.FromMilliseconds(millisecondsApart));
        }

        var extra = _attempts - calls;
        Assert.InRange(extra, (int)(Ratio * calls), (int)(Ratio * calls + Burst));
        Assert.True(_refusals > 0);
    }

    [Fact]
    public async Task Retries_spend_what_hedges_would_have_had()
    {
        var pipeline = Pipeline(retries: true);
        var failures = 0;

        // Three calls whose first attempt fails: three retries, the whole burst.
        for (var i = 0; i < 3; i++)
        {
            _budget.RecordCall();
            await pipeline.ExecuteAsync(_ =>
            {
                Interlocked.Increment(ref _attempts);
                return Interlocked.Increment(ref failures) % 2 == 1
                    ? ValueTask.FromException<string>(new TimeoutException())
                    : ValueTask.FromResult("answer");
            }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(6, _attempts);
        _attempts = 0;
        await SlowCallAsync(pipeline);

        Assert.Equal(1, _attempts);
        Assert.Equal(1, _refusals);
    }

    [Fact]
    public async Task Hedges_spend_what_retries_would_have_had()
    {
        var pipeline = Pipeline(retries: true);
        await SlowCallAsync(pipeline);
        await SlowCallAsync(pipeline);
        Assert.Equal(5, _attempts);

        Assert.Equal(1, _refusals);

        _attempts = 0;
        _budget.RecordCall();
        await Assert.ThrowsAsync<TimeoutException>(() => pipeline.ExecuteAsync(
            (_, state) =>
            {
                Interlocked.Increment(ref state._attempts);
                return ValueTask.FromException<string>(new TimeoutException());
            },
            ContextCountingRefusals(),
            this).AsTask());

        Assert.Equal(1, _attempts);
        Assert.Equal(2, _refusals);
    }

    /// <summary>
    /// One call whose attempts each take 300 ms, stepped through on fake time: after each hedging delay
    /// the hedge goes out or the budget refuses it, and the next step waits for that to have happened.
    /// </summary>
    private async Task SlowCallAsync(ResiliencePipeline<string> pipeline)
    {
        _budget.RecordCall();
        var context = ContextCountingRefusals();
        var attemptsBefore = _attempts;
        var call = pipeline.ExecuteAsync(
            async (attemptContext, state) =>
            {
                // The timer first, then the count: once the test sees the attempt, its 300 ms have begun.
                var answer = Task.Delay(AttemptTakes, state._time, attemptContext.CancellationToken);
                Interlocked.Increment(ref state._attempts);
                await answer;
                return "answer";
            },
            context,
            this).AsTask();
        await UntilAsync(() => Volatile.Read(ref _attempts) > attemptsBefore);

        for (var hedge = 0; hedge < MaxHedges; hedge++)
        {
            var decided = Volatile.Read(ref _attempts) + Volatile.Read(ref _refusals);
            var refusalsBefore = Volatile.Read(ref _refusals);
            _time.Advance(HedgingDelay);
            await UntilAsync(() => Volatile.Read(ref _attempts) + Volatile.Read(ref _refusals) > decided, nudge: true);
            if (Volatile.Read(ref _refusals) > refusalsBefore)
            {
                break;
            }
        }

        _time.Advance(AttemptTakes);
        await call.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private ResilienceContext ContextCountingRefusals()
    {
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        context.Properties.Set(AttemptBudget.Refused, () => Interlocked.Increment(ref _refusals));
        return context;
    }

    /// <summary>
    /// Polly's timers fire on fake time, but what they start runs on the thread pool: wait (generously)
    /// for it. With <paramref name="nudge"/>, fake time moves on a millisecond per wait, for a hedging
    /// timer that the thread pool set only after the test had advanced the time.
    /// </summary>
    private async Task UntilAsync(Func<bool> condition, bool nudge = false)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, "Polly never got there.");
            await Task.Delay(1, TestContext.Current.CancellationToken);
            if (nudge && !condition())
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
