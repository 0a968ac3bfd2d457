namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>One line of the trace list: a trace as a whole, without its spans.</summary>
/// <param name="TraceId">The trace's id (32 hex digits).</param>
/// <param name="Name">The root span's name, or the earliest span's while the root has not arrived.</param>
/// <param name="RootResource">The process that recorded that span.</param>
/// <param name="StartTime">When the earliest span started.</param>
/// <param name="Duration">From the earliest start to the latest end.</param>
/// <param name="SpanCount">How many spans have arrived so far.</param>
/// <param name="Resources">Every process that recorded a span of it, in order of first appearance.</param>
/// <param name="ErrorCount">How many of its spans failed (<see cref="TelemetrySpan.IsError"/>).</param>
/// <param name="CancelledCount">How many of its spans were cancelled (<see cref="TelemetrySpan.IsCancelled"/>).</param>
public sealed record TraceSummary(
    string TraceId,
    string Name,
    ResourceKey RootResource,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    int SpanCount,
    IReadOnlyList<ResourceKey> Resources,
    int ErrorCount,
    int CancelledCount);
