using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Profiles.Simulation.Data;
using Profiles.Simulation.Faults;
using Profiles.Simulation.Work;

namespace Profiles.Simulation;

public static class SimulationExtensions
{
    /// <summary>Registers the fault model, the member range and the work accounting of a simulated backend.</summary>
    public static TBuilder AddSimulation<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<FaultOptions>()
            .Bind(builder.Configuration.GetSection(FaultOptions.SectionName))
            .Validate(options => IsKnownProfile(options.Profile), $"{FaultOptions.SectionName}:Profile must be '{FaultProfiles.None}' or '{FaultProfiles.Realistic}'.")
            .ValidateOnStart();
        builder.Services.AddOptions<MemberRangeOptions>()
            .Bind(builder.Configuration.GetSection(MemberRangeOptions.SectionName))
            .Validate(options => options.MinId >= 1 && options.MinId <= options.MaxId, $"{MemberRangeOptions.SectionName}: MinId must be >= 1 and <= MaxId.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveFaults>();
        // The injected latencies get a timer of their own: the runtime's fire up to a 4 ms tick late.
        builder.Services.AddSingleton<HighResolutionTimeProvider>();
        builder.Services.AddSingleton(services => new FaultInjector(
            services.GetRequiredService<IOptions<FaultOptions>>(),
            services.GetRequiredService<LiveFaults>(),
            services.GetRequiredService<HighResolutionTimeProvider>()));
        builder.Services.AddSingleton<BackendWork>();
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /diagnostics/work</c>: this process's own count of its work, by service; and
    /// <c>GET /diagnostics/work/cancellations</c>: when each service last observed a cancellation.
    /// </summary>
    public static IEndpointRouteBuilder MapBackendDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/diagnostics/work", (BackendWork work) => work.Snapshot());
        endpoints.MapGet("/diagnostics/work/cancellations", (BackendWork work) => work.LastCancellations());
        return endpoints;
    }

    private static bool IsKnownProfile(string profile)
    {
        try
        {
            FaultProfiles.Resolve(profile);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
