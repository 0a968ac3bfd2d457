using Microsoft.Extensions.Hosting.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Hedging;
using Polly.Retry;

namespace Profiles.Gateway.Resilience;

public static class PartPipelineRegistration
{
    /// <summary>
    /// Registers the pipeline of one part, keyed by its name. Idempotent reads retry transient
    /// failures within a budget and hedge slow attempts after the part's observed p95 ("The Tail at
    /// Scale"); every part has its own circuit breaker, so a dead backend fails its part at once
    /// instead of burning the request's budget. Order, outermost first: retry, hedging, breaker —
    /// so each hedged attempt and each retry passes through the breaker.
    /// </summary>
    public static IServiceCollection AddPartPipeline<TSection>(this IServiceCollection services, string part, bool idempotent)
    {
        services.AddKeyedSingleton(part, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            return new LatencyTracker(options.HedgingDelayUntilObserved, options.HedgingMinimumDelay);
        });
        services.AddKeyedSingleton(part, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            return new RetryBudget(options.RetryBudgetRatio, options.RetryBudgetMinimumPerSecond, provider.GetRequiredService<TimeProvider>());
        });

        services.AddResiliencePipeline<string, Attempt<TSection>>(part, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();

            if (idempotent)
            {
                var budget = context.ServiceProvider.GetRequiredKeyedService<RetryBudget>(part);
                var latency = context.ServiceProvider.GetRequiredKeyedService<LatencyTracker>(part);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(Retry<TSection>(options, budget));
                }

                pipeline.AddHedging(Hedging<TSection>(options, latency));
            }

            pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<Attempt<TSection>>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(TransientFailures.IsBackendFailure(args.Outcome.Exception)),
            });
        });

        services.AddKeyedSingleton(part, (provider, key) => new PartPipeline<TSection>(
            provider.GetRequiredService<Polly.Registry.ResiliencePipelineProvider<string>>().GetPipeline<Attempt<TSection>>(part),
            provider.GetRequiredKeyedService<LatencyTracker>(key),
            provider.GetRequiredKeyedService<RetryBudget>(key)));

        return services;
    }

    private static RetryStrategyOptions<Attempt<TSection>> Retry<TSection>(PartResilienceOptions options, RetryBudget budget) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        Delay = options.RetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        // The budget is asked last, so that only a retry that would happen spends a token.
        ShouldHandle = args => ValueTask.FromResult(TransientFailures.IsRetryable(args.Outcome.Exception) && budget.TryWithdraw()),
    };

    private static HedgingStrategyOptions<Attempt<TSection>> Hedging<TSection>(PartResilienceOptions options, LatencyTracker latency) => new()
    {
        MaxHedgedAttempts = options.MaxHedgedAttempts,
        // Hedging here answers slowness only; failures are the retry's business, within its budget.
        ShouldHandle = _ => PredicateResult.False(),
        DelayGenerator = args => ValueTask.FromResult(
            args.Context.Properties.GetValue(PartPipeline<TSection>.HedgingEnabled, false) ? latency.P95 : Timeout.InfiniteTimeSpan),
        ActionGenerator = args =>
        {
            args.ActionContext.Properties.Set(PartPipeline<TSection>.HedgedAttempt, true);
            return () => args.Callback(args.ActionContext);
        },
    };
}
