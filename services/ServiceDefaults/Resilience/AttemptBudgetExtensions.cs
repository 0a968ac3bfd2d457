using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Profiles.Resilience;

public static class AttemptBudgetExtensions
{
    /// <summary>What every <see cref="AttemptBudget"/> of the process reports its decisions to.</summary>
    public static IServiceCollection AddAttemptBudgetTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<AttemptBudgetTelemetry>();
        return services;
    }
}
