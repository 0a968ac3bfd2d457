using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Profiles.Resilience;

public static class ResilienceTelemetryExtensions
{
    /// <summary>
    /// What every <see cref="AttemptBudget"/> of the process reports its decisions to, and every
    /// hedged call its hedging delay (<see cref="HedgingDelayTelemetry"/>).
    /// </summary>
    public static IServiceCollection AddResilienceTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<AttemptBudgetTelemetry>();
        services.TryAddSingleton<HedgingDelayTelemetry>();
        return services;
    }
}
