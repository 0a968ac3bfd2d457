namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>How much the store keeps; the oldest goes first past each bound. Bound from the <c>Dashboard</c> settings.</summary>
public sealed record TelemetryLimits
{
    /// <summary>Traces kept, across every resource (a trace spans them all).</summary>
    public int MaxTraces { get; init; } = 10_000;

    /// <summary>Structured log records kept per resource instance, so one chatty process cannot push out the others.</summary>
    public int MaxLogRecords { get; init; } = 10_000;

    /// <summary>Points kept per metric series: at one export a second, the last quarter hour or so.</summary>
    public int MaxMetricPoints { get; init; } = 1_000;
}
