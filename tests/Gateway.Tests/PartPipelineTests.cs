using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Tests;

/// <summary>A part's Polly pipeline: hedging after p95, retries of transient failures within budget, and the breaker.</summary>
public sealed class PartPipelineTests : IDisposable
{
    private const string Part = "skills";

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public PartPipelineTests() : this(_ => { })
    {
    }

    private PartPipelineTests(Action<PartResilienceOptions> configure)
    {
        _services = new ServiceCollection()
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
    }

    public void Dispose() => _services.Dispose();

    private static PartPipeline<string> PipelineOf(ServiceProvider services) => services.GetRequiredKeyedService<PartPipeline<string>>(Part);

    private static ChildContext Child() => new(Part, DateTime.MaxValue, TestContext.Current.CancellationToken);

    private static RpcException Status(StatusCode code) => new(new Grpc.Core.Status(code, code.ToString()));

    [Fact]
    public async Task A_slow_first_attempt_is_hedged_after_the_p95_and_the_hedge_wins()
    {
        var child = Child();
        var firstAttemptCancelled = false;
        var calls = 0;

        var run = PipelineOf(_services).ExecuteAsync(child, hedging: true, async token =>
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
        Assert.Equal(2, child.Attempts);
        Assert.True(child.HedgeWon);
        Assert.True(firstAttemptCancelled);
    }

    [Fact]
    public async Task With_hedging_off_a_slow_attempt_is_simply_waited_for()
    {
        var child = Child();
        var run = PipelineOf(_services).ExecuteAsync(child, hedging: false, async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _time, token);
            return "slow";
        });
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("slow", await run);
        Assert.Equal(1, child.Attempts);
        Assert.False(child.HedgeWon);
    }

    [Fact]
    public async Task A_transient_failure_is_retried()
    {
        var child = Child();
        var calls = 0;

        var result = await PipelineOf(_services).ExecuteAsync(child, hedging: false, _ =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<string>(Status(StatusCode.Unavailable)) : Task.FromResult("second"));

        Assert.Equal("second", result);
        Assert.Equal(2, child.Attempts);
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        var child = Child();

        await Assert.ThrowsAsync<RpcException>(() =>
            PipelineOf(_services).ExecuteAsync(child, hedging: false, _ => Task.FromException<string>(Status(StatusCode.NotFound))));

        Assert.Equal(1, child.Attempts);
    }

    [Fact]
    public async Task No_retry_happens_once_the_budget_is_spent()
    {
        using var services = new PartPipelineTests(options =>
        {
            options.RetryBudgetRatio = 0;
            options.RetryBudgetMinimumPerSecond = 0;
        })._services;
        var child = Child();

        await Assert.ThrowsAsync<RpcException>(() =>
            PipelineOf(services).ExecuteAsync(child, hedging: false, _ => Task.FromException<string>(Status(StatusCode.Unavailable))));

        Assert.Equal(1, child.Attempts);
    }

    [Fact]
    public async Task A_backend_that_keeps_failing_opens_the_breaker_and_is_not_called_while_it_is_open()
    {
        using var services = new PartPipelineTests(options => options.MaxRetries = 0)._services;
        var calls = 0;
        Task<string> Unavailable(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<string>(Status(StatusCode.Unavailable));
        }

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => PipelineOf(services).ExecuteAsync(Child(), hedging: false, Unavailable));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => PipelineOf(services).ExecuteAsync(Child(), hedging: false, Unavailable));
        Assert.Equal(5, calls);
    }
}
