namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>One point of one series of one instrument, as the intake hands it to the store.</summary>
public sealed record MetricSample(TelemetryInstrument Instrument, IReadOnlyDictionary<string, string> Dimensions, MetricPoint Point);
