using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Profiles.Resilience;

namespace Profiles.Gateway.Resilience;

public static class PartPipelineRegistration
{
    /// <summary>
    /// Registers the pipeline of one part, keyed by its name. Idempotent calls retry transient
    /// failures and hedge slow attempts (<see cref="TailHedging"/>), each within a budget of its own; every part has its own circuit breaker, so a dead backend fails
    /// its part at once instead of burning the request's budget. Order, outermost first: retry,
    /// hedging, breaker — so each hedged attempt and each retry passes through the breaker.
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
            var time = provider.GetRequiredService<TimeProvider>();
            return new PartBudgets(
                new AttemptBudget(options.RetryBudgetRatio, options.RetryBudgetMinimumPerSecond, time),
                new AttemptBudget(options.HedgeBudgetRatio, options.HedgeBudgetMinimumPerSecond, time));
        });

        services.AddResiliencePipeline<string, Attempt<TSection>>(part, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();

            if (idempotent)
            {
                var budgets = context.ServiceProvider.GetRequiredKeyedService<PartBudgets>(part);
                var latency = context.ServiceProvider.GetRequiredKeyedService<LatencyTracker>(part);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(Retry<TSection>(options, budgets.Retries));
                }

                pipeline.AddHedging(TailHedging.Options<Attempt<TSection>>(options.MaxHedgedAttempts, latency, budgets.Hedges));
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
            provider.GetRequiredKeyedService<PartBudgets>(key)));

        return services;
    }

    private static RetryStrategyOptions<Attempt<TSection>> Retry<TSection>(PartResilienceOptions options, AttemptBudget budget) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        Delay = options.RetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        // The budget is asked last, so that only a retry that would happen spends a token.
        ShouldHandle = args => ValueTask.FromResult(TransientFailures.IsRetryable(args.Outcome.Exception) && budget.TryWithdraw()),
    };
}
