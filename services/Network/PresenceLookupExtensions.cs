using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Profiles.Contracts.Grains;
using Profiles.Resilience;

namespace Profiles.Backends;

public static class PresenceLookupExtensions
{
    /// <summary>
    /// The hedged presence lookups: their options (<c>Network:PresenceLookups</c>), their latency
    /// window, their budget of hedges (<see cref="AttemptBudget"/>, as for the gateway's parts), and
    /// their Polly pipeline (<see cref="TailHedging"/>), registered through
    /// Microsoft.Extensions.Resilience as <see cref="PresenceLookup.PipelineName"/>, so that it
    /// reports Polly's standard telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddPresenceLookups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceLookupOptions>().Bind(builder.Configuration.GetSection(PresenceLookupOptions.SectionName));
        builder.Services.AddKeyedSingleton(PresenceLookup.PipelineName, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PresenceLookupOptions>>().Value;
            return provider.GetRequiredService<HedgingDelayTelemetry>().Track(
                PresenceLookup.PipelineName, new LatencyTracker(options.HedgingDelayUntilObserved, options.HedgingMinimumDelay));
        });

        builder.Services.AddResilienceTelemetry();
        builder.Services.AddKeyedSingleton(PresenceLookup.PipelineName, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<PresenceLookupOptions>>().Value;
            return new AttemptBudget(PresenceLookup.PipelineName, options.ExtraAttemptRatio, options.ExtraAttemptBurst, provider.GetRequiredService<AttemptBudgetTelemetry>());
        });

        builder.Services.AddResiliencePipeline<string, Presence>(PresenceLookup.PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PresenceLookupOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddHedging(TailHedging.Options<Presence>(
                options.MaxHedgedAttempts,
                context.ServiceProvider.GetRequiredKeyedService<LatencyTracker>(PresenceLookup.PipelineName),
                context.ServiceProvider.GetRequiredKeyedService<AttemptBudget>(PresenceLookup.PipelineName)));
        });

        builder.Services.AddSingleton(provider => new PresenceLookup(
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<Presence>(PresenceLookup.PipelineName),
            provider.GetRequiredKeyedService<LatencyTracker>(PresenceLookup.PipelineName),
            provider.GetRequiredKeyedService<AttemptBudget>(PresenceLookup.PipelineName)));
        return builder;
    }
}
