using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Profiles.AppHost.Hosting;

/// <summary>The AppHost's own settings, from its appsettings.json, environment and command line.</summary>
/// <param name="OtlpEndpoint">Where the children export telemetry: <c>Dashboard:OtlpEndpoint</c> when set, the dashboard's OTLP/gRPC receiver otherwise.</param>
/// <param name="OtlpApiKey">The key the children send with each export, when they export to the dashboard.</param>
internal sealed record AppHostSettings(
    bool RandomPorts,
    int ConsoleLogCapacity,
    TimeSpan StartTimeout,
    string FaultProfile,
    bool AllowFaultOverrides,
    Uri? OtlpEndpoint,
    string? OtlpApiKey = null)
{
    public static AppHostSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var otlpEndpoint = configuration["Dashboard:OtlpEndpoint"];
        return new AppHostSettings(
            RandomPorts: configuration.GetValue("AppHost:RandomPorts", false),
            ConsoleLogCapacity: configuration.GetValue("AppHost:ConsoleLogCapacity", 10_000),
            StartTimeout: configuration.GetValue("AppHost:StartTimeout", TimeSpan.FromSeconds(60)),
            FaultProfile: configuration.GetValue("Faults:Profile", "realistic")!,
            AllowFaultOverrides: configuration.GetValue("Faults:AllowRequestOverrides", environment.IsDevelopment()),
            OtlpEndpoint: string.IsNullOrWhiteSpace(otlpEndpoint) ? null : new Uri(otlpEndpoint));
    }
}
