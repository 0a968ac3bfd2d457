using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Tests;

/// <summary>A part's Polly pipeline: hedging after p95 and retries of transient failures, within the backend's one budget, and the breaker.</summary>
public sealed class PartPipelineTests : IDisposable
{
    private const string Part = "skills";

    /// <summary>Real time, only so that a pipeline that never hedges fails a test rather than hanging it.</summary>
    private static readonly TimeSpan GenerousBound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public PartPipelineTests() => _services = ServicesWith(_ => { });

    /// <summary>Another container with other options, on this test's fake time.</summary>
    private ServiceProvider ServicesWith(Action<PartResilienceOptions> configure) => new ServiceCollection()
        .AddSingleton<TimeProvider>(_time)
        .Configure<PartResilienceOptions>(options =>
        {
            options.HedgingDelayUntilObserved = TimeSpan.FromMilliseconds(10);
            options.MaxHedgedAttempts = 1;
            options.RetryDelay = TimeSpan.Zero;
            configure(options);
        })
        .AddPartPipeline<string>(Part, idempotent: true)
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private static PartPipeline<string> PipelineOf(ServiceProvider services) => services.GetRequiredKeyedService<PartPipeline<string>>(Part);

    private static AttemptLog Child() => new();

    private static Task<string> RunAsync(PartPipeline<string> pipeline, AttemptLog attempts, bool hedging, Func<CancellationToken, Task<string>> attempt) =>
        pipeline.ExecuteAsync(attempt, hedging, attempts, heldAgainstBackendWhen: CancellationToken.None, TestContext.Current.CancellationToken);

    /// <summary>Polly's timers fire on fake time, but what they start runs on the thread pool: wait (generously) for it.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUpAt = DateTime.UtcNow + GenerousBound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, "The pipeline never got there.");
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }

    private static RpcException Status(StatusCode code) => new(new Grpc.Core.Status(code, code.ToString()));

    [Fact]
    public async Task A_slow_first_attempt_is_hedged_after_the_p95_and_the_hedge_wins()
    {
        var child = Child();
        var firstAttemptCancelled = false;
        var calls = 0;

        var run = RunAsync(PipelineOf(_services), child, hedging: true, async token =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
                }
                catch (OperationCanceledException)
                {
                    firstAttemptCancelled = true;
                    throw;
                }
            }

            return $"attempt {calls}";
        });
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal("attempt 2", await run);
        Assert.Equal(2, child.Count);
        Assert.True(child.Hedged);
        Assert.True(firstAttemptCancelled);
    }

    [Fact]
    public async Task After_a_hedge_that_lost_the_next_call_as_slow_is_not_hedged()
    {
        var pipeline = PipelineOf(_services);
        var calls = 0;
        var lost = Child();
        var run = RunAsync(pipeline, lost, hedging: true, async token =>
        {
            // The first attempt answers after 30 ms; its hedge, sent after 10 ms, would never answer.
            var first = Interlocked.Increment(ref calls) == 1;
            await Task.Delay(first ? TimeSpan.FromMilliseconds(30) : Timeout.InfiniteTimeSpan, _time, token);
            return "first";
        });
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await WaitUntilAsync(() => lost.Count == 2);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await run;
        Assert.False(lost.Hedged);

        // 40 ms: beyond the median of what was seen (30 ms), short of the backed-off delay (45 ms).
        var next = Child();
        run = RunAsync(pipeline, next, hedging: true, async token =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40), _time, token);
            return "next";
        });
        _time.Advance(TimeSpan.FromMilliseconds(35));
        // Time for a hedge due before now to go out, were there one: only the real clock can give it.
        await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await run;

        Assert.Equal(1, next.Count);
    }

    [Fact]
    public async Task With_hedging_off_a_slow_attempt_is_simply_waited_for()
    {
        var child = Child();
        var run = RunAsync(PipelineOf(_services), child, hedging: false, async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
            return "slow";
        });
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("slow", await run);
        Assert.Equal(1, child.Count);
        Assert.False(child.Hedged);
    }

    [Fact]
    public async Task No_hedge_is_sent_once_the_budget_is_spent_and_the_part_says_why()
    {
        using var services = ServicesWith(options =>
        {
            options.ExtraAttemptRatio = 0;
            options.ExtraAttemptBurst = 0;
        });
        var child = Child();

        var run = RunAsync(PipelineOf(services), child, hedging: true, async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
            return "slow";
        });
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("slow", await run);
        Assert.Equal(1, child.Count);
        Assert.False(child.Hedged);
        Assert.True(child.BudgetRefused);
    }

    [Fact]
    public async Task Two_slow_calls_and_one_hedge_in_the_budget_make_one_hedge()
    {
        // The bucket holds one token and the calls earn nothing: both slow calls reach their delay with one hedge between them.
        using var services = ServicesWith(options =>
        {
            options.ExtraAttemptRatio = 0;
            options.ExtraAttemptBurst = 1;
        });
        var pipeline = PipelineOf(services);
        var calls = 0;
        async Task<string> FirstAttemptsAreSlow(CancellationToken token)
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
            }

            return "answer";
        }

        var (first, second) = (Child(), Child());
        var runs = new[] { RunAsync(pipeline, first, hedging: true, FirstAttemptsAreSlow), RunAsync(pipeline, second, hedging: true, FirstAttemptsAreSlow) };
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await Task.WhenAny(runs).WaitAsync(GenerousBound, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(runs);

        Assert.Equal(3, first.Count + second.Count);
        Assert.Single(new[] { first, second }, child => child.Hedged);
        Assert.Single(new[] { first, second }, child => child.BudgetRefused);
    }

    [Fact]
    public async Task A_transient_failure_is_retried()
    {
        var child = Child();
        var calls = 0;

        var result = await RunAsync(PipelineOf(_services), child, hedging: false, _ =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<string>(Status(StatusCode.Unavailable)) : Task.FromResult("second"));

        Assert.Equal("second", result);
        Assert.Equal(2, child.Count);
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        var child = Child();

        await Assert.ThrowsAsync<RpcException>(() =>
            RunAsync(PipelineOf(_services), child, hedging: false, _ => Task.FromException<string>(Status(StatusCode.NotFound))));

        Assert.Equal(1, child.Count);
    }

    [Fact]
    public async Task No_retry_happens_once_the_budget_is_spent()
    {
        using var services = ServicesWith(options =>
        {
            options.ExtraAttemptRatio = 0;
            options.ExtraAttemptBurst = 0;
        });
        var child = Child();

        await Assert.ThrowsAsync<RpcException>(() =>
            RunAsync(PipelineOf(services), child, hedging: false, _ => Task.FromException<string>(Status(StatusCode.Unavailable))));

        Assert.Equal(1, child.Count);
        Assert.True(child.BudgetRefused);
    }

    [Fact]
    public async Task A_retry_spends_the_token_a_hedge_would_have_had()
    {
        using var services = ServicesWith(options =>
        {
            options.ExtraAttemptRatio = 0;
            options.ExtraAttemptBurst = 1;
        });
        var pipeline = PipelineOf(services);
        var calls = 0;
        await RunAsync(pipeline, Child(), hedging: true, _ =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<string>(Status(StatusCode.Unavailable)) : Task.FromResult("retried"));
        var child = Child();

        var run = RunAsync(pipeline, child, hedging: true, async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
            return "slow";
        });
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("slow", await run);
        Assert.Equal(1, child.Count);
        Assert.True(child.BudgetRefused);
    }

    [Fact]
    public async Task A_backend_that_keeps_failing_opens_the_breaker_and_is_not_called_while_it_is_open()
    {
        using var services = ServicesWith(options => options.MaxRetries = 0);
        var calls = 0;
        Task<string> Unavailable(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<string>(Status(StatusCode.Unavailable));
        }

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => RunAsync(PipelineOf(services), Child(), hedging: false, Unavailable));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => RunAsync(PipelineOf(services), Child(), hedging: false, Unavailable));
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task Attempts_stopped_by_their_deadline_open_the_breaker_as_failures_do()
    {
        using var services = ServicesWith(options => options.MaxRetries = 0);
        var calls = 0;

        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => RunUntilStoppedAsync(services, () => calls++, stopAfterDeadline: true));
            Assert.IsType<OperationCanceledException>(error.InnerException, exactMatch: false);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => RunUntilStoppedAsync(services, () => calls++, stopAfterDeadline: true));
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task An_attempt_stopped_by_its_deadlines_timer_counts_against_the_backend_though_the_clock_is_not_there_yet()
    {
        using var services = ServicesWith(options => options.MaxRetries = 0);

        // A TimeoutException is what the breaker counts. .NET's timers may fire a few milliseconds before the time they were set for: the timer decides, not the clock.
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            RunUntilStoppedAsync(services, () => { }, stopAfterDeadline: true, ranFor: TimeSpan.FromMilliseconds(997)));

        Assert.IsType<OperationCanceledException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task Attempts_stopped_before_their_deadline_are_not_held_against_the_backend()
    {
        using var services = ServicesWith(options => options.MaxRetries = 0);
        var calls = 0;

        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunUntilStoppedAsync(services, () => calls++, stopAfterDeadline: false));
        }

        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task Attempts_stopped_by_a_deadline_shorter_than_a_slow_attempt_are_not_held_against_the_backend()
    {
        using var services = ServicesWith(options =>
        {
            options.MaxRetries = 0;
            options.BreakerSlowAttempt = TimeSpan.FromMilliseconds(250);
        });
        var calls = 0;

        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                RunUntilStoppedAsync(services, () => calls++, stopAfterDeadline: true, TimeSpan.FromMilliseconds(249)));
        }

        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task A_hedged_call_stopped_by_its_deadline_is_held_against_the_backend_once()
    {
        using var services = ServicesWith(options =>
        {
            options.MaxRetries = 0;
            options.BreakerFailureRatio = 1;
        });
        var calls = 0;

        // Three calls, two attempts each: held against the backend six times, the breaker would open (only
        // failures, five or more); three times, it stays closed, however it counts the hedges' cancellations.
        for (var i = 0; i < 3; i++)
        {
            using var timeUp = new CancellationTokenSource();
            using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var attempts = Child();
            var run = PipelineOf(services).ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref calls);
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                    return "never";
                },
                hedging: true,
                attempts,
                timeUp.Token,
                caller.Token);
            await WaitUntilAsync(() => attempts.Count == 1);
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await WaitUntilAsync(() => attempts.Count == 2);
            _time.Advance(TimeSpan.FromSeconds(1));
            await timeUp.CancelAsync();
            await caller.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => run);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunUntilStoppedAsync(services, () => calls++, stopAfterDeadline: false));
        Assert.Equal(7, calls);
    }

    /// <summary>
    /// One unhedged call whose attempt hangs until the caller stops it: at its deadline, as the scope
    /// does, its timer first (the clock moved by <paramref name="ranFor"/>, by default the budget, first), or before.
    /// </summary>
    private async Task<string> RunUntilStoppedAsync(ServiceProvider services, Action onAttempt, bool stopAfterDeadline, TimeSpan? budget = null, TimeSpan? ranFor = null)
    {
        using var timeUp = new CancellationTokenSource();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var attemptStarted = new TaskCompletionSource();
        var run = PipelineOf(services).ExecuteAsync(
            async token =>
            {
                onAttempt();
                attemptStarted.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return "never";
            },
            hedging: false,
            Child(),
            timeUp.Token,
            caller.Token);
        await Task.WhenAny(attemptStarted.Task, run);
        if (stopAfterDeadline)
        {
            _time.Advance(ranFor ?? budget ?? TimeSpan.FromSeconds(1));
            await timeUp.CancelAsync();
        }

        await caller.CancelAsync();
        return await run;
    }
}
