using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Profiles.Resilience;

namespace Profiles.Gateway.Resilience;

public static class PartPipelineRegistration
{
    /// <summary>
    /// Registers the pipeline of one part, keyed by its name. Idempotent calls retry transient
    /// failures and hedge slow attempts (<see cref="TailHedging"/>), both paid from the backend's one
    /// <see cref="AttemptBudget"/>; every part has its own circuit breaker, so a dead backend fails
    /// its part at once instead of burning the request's budget. Order, outermost first: retry,
    /// hedging, breaker — so each hedged attempt and each retry passes through the breaker.
    /// </summary>
    public static IServiceCollection AddPartPipeline<TSection>(this IServiceCollection services, string part, bool idempotent)
    {
        services.AddKeyedSingleton(part, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            return provider.GetRequiredService<HedgingDelayTelemetry>().Track(part, new LatencyTracker(options.HedgingDelayUntilObserved, options.HedgingMinimumDelay));
        });
        services.AddResilienceTelemetry();
        services.AddKeyedSingleton(part, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            return new AttemptBudget(part, options.ExtraAttemptRatio, options.ExtraAttemptBurst, provider.GetRequiredService<AttemptBudgetTelemetry>());
        });

        services.AddResiliencePipeline<string, Attempt<TSection>>(part, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PartResilienceOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();

            if (idempotent)
            {
                var budget = context.ServiceProvider.GetRequiredKeyedService<AttemptBudget>(part);
                var latency = context.ServiceProvider.GetRequiredKeyedService<LatencyTracker>(part);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(BudgetedRetry.Options<Attempt<TSection>>(options.MaxRetries, options.RetryDelay, TransientFailures.IsRetryable, budget));
                }

                pipeline.AddHedging(TailHedging.Options<Attempt<TSection>>(options.MaxHedgedAttempts, latency, budget));
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
            provider.GetRequiredKeyedService<AttemptBudget>(key),
            provider.GetRequiredService<IOptions<PartResilienceOptions>>().Value.BreakerSlowAttempt,
            provider.GetRequiredService<TimeProvider>()));

        return services;
    }
}
