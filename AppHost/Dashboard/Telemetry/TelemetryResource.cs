namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>A process that has sent telemetry, as it described itself in its last export.</summary>
/// <param name="Key">Its service name and instance id.</param>
/// <param name="Attributes">Its OTLP resource attributes (<c>service.*</c>, <c>telemetry.sdk.*</c>, ...), values as text.</param>
/// <param name="LastSeen">When its last export arrived.</param>
public sealed record TelemetryResource(ResourceKey Key, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset LastSeen);
