namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>What changed in the store.</summary>
public enum TelemetryKind
{
    Resources,
    Traces,
    Logs,
    Metrics,
}

/// <summary>A change notification: telemetry of <paramref name="Kind"/> arrived from <paramref name="Resource"/>.</summary>
public sealed record TelemetryChange(TelemetryKind Kind, ResourceKey Resource);
