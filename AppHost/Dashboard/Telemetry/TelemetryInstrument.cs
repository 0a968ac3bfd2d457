namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>A metric instrument of one process.</summary>
/// <param name="Resource">The process that reports it.</param>
/// <param name="Meter">The meter (OTLP instrumentation scope) it belongs to, e.g. <c>Profiles.Gateway</c>.</param>
/// <param name="Name">Its name, e.g. <c>profile.parts</c>.</param>
/// <param name="Description">What it measures, as its creator described it.</param>
/// <param name="Unit">Its unit in UCUM, e.g. <c>ms</c> or <c>{part}</c>; may be empty.</param>
/// <param name="Type">Gauge, counter, up-down counter or histogram.</param>
/// <param name="IsDelta">Whether each point holds only what happened since the previous one, rather than a running total.</param>
public sealed record TelemetryInstrument(
    ResourceKey Resource,
    string Meter,
    string Name,
    string Description,
    string Unit,
    InstrumentType Type,
    bool IsDelta);
