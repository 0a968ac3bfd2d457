using System.Globalization;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Api;

// The JSON API's wire shapes: stable names for scripts and tests, decoupled from the model's records.

/// <summary>A process, by the two attributes that identify it.</summary>
public sealed record ResourceJson(string ServiceName, string InstanceId)
{
    public static ResourceJson From(ResourceKey key) => new(key.ServiceName, key.InstanceId);
}

public sealed record ResourceDetailJson(string ServiceName, string InstanceId, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset LastSeen)
{
    public static ResourceDetailJson From(TelemetryResource resource) =>
        new(resource.Key.ServiceName, resource.Key.InstanceId, resource.Attributes, resource.LastSeen);
}

public sealed record TraceSummaryJson(
    string TraceId, string Name, ResourceJson RootResource, DateTimeOffset StartTime, double DurationMs,
    int SpanCount, IReadOnlyList<ResourceJson> Resources, int ErrorCount, int CancelledCount)
{
    public static TraceSummaryJson From(TraceSummary trace) => new(
        trace.TraceId, trace.Name, ResourceJson.From(trace.RootResource), trace.StartTime, trace.Duration.TotalMilliseconds,
        trace.SpanCount, [.. trace.Resources.Select(ResourceJson.From)], trace.ErrorCount, trace.CancelledCount);
}

/// <param name="CriticalPath">The span ids of the critical path, from the root down.</param>
public sealed record TraceJson(TraceSummaryJson Summary, IReadOnlyList<string> CriticalPath, IReadOnlyList<SpanJson> Spans)
{
    public static TraceJson From(TraceDetail trace) => new(
        TraceSummaryJson.From(trace.Summary),
        [.. trace.CriticalPath.Select(span => span.SpanId)],
        [.. trace.Spans.Select(SpanJson.From)]);
}

/// <param name="StartTimeUnixNano">The start in nanoseconds since the Unix epoch (to 100 ns), as a string: JSON numbers lose precision past 2^53.</param>
/// <param name="Depth">Its depth in the trace's tree (0 for a root).</param>
/// <param name="IsCancelled">Whether it ended by cancellation (<see cref="SpanCancellation"/>).</param>
/// <param name="IsError">Whether it failed, not counting cancellation.</param>
public sealed record SpanJson(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string Kind, ResourceJson Resource, string Scope,
    DateTimeOffset StartTime, DateTimeOffset EndTime, string StartTimeUnixNano, string EndTimeUnixNano, double DurationMs,
    string StatusCode, string? StatusMessage, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<SpanEventJson> Events,
    bool IsCancelled, bool IsError, int Depth, bool IsOnCriticalPath)
{
    public static SpanJson From(TraceSpan placed)
    {
        var span = placed.Span;
        return new SpanJson(
            span.TraceId, span.SpanId, span.ParentSpanId, span.Name, span.Kind.ToString(), ResourceJson.From(span.Resource), span.Scope,
            span.StartTime, span.EndTime, UnixNano(span.StartTime), UnixNano(span.EndTime), span.Duration.TotalMilliseconds,
            span.StatusCode.ToString(), span.StatusMessage, span.Attributes, [.. span.Events.Select(SpanEventJson.From)],
            span.IsCancelled, span.IsError, placed.Depth, placed.IsOnCriticalPath);
    }

    private static string UnixNano(DateTimeOffset time) =>
        ((time - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);
}

public sealed record SpanEventJson(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string> Attributes)
{
    public static SpanEventJson From(SpanEvent spanEvent) => new(spanEvent.Name, spanEvent.Time, spanEvent.Attributes);
}

public sealed record LogRecordJson(
    ResourceJson Resource, DateTimeOffset Time, string Level, string SeverityText, string Message, string Category,
    IReadOnlyDictionary<string, string> Attributes, string? TraceId, string? SpanId)
{
    public static LogRecordJson From(TelemetryLogRecord record) => new(
        ResourceJson.From(record.Resource), record.Time, record.Level.ToString(), record.SeverityText, record.Message, record.Category,
        record.Attributes, record.TraceId, record.SpanId);
}

public sealed record InstrumentJson(
    ResourceJson Resource, string Meter, string Name, string Description, string Unit, string Type, bool IsDelta,
    IReadOnlyList<MetricSeriesJson> Series);

/// <param name="Points">The most recent points, oldest first.</param>
public sealed record MetricSeriesJson(IReadOnlyDictionary<string, string> Dimensions, IReadOnlyList<MetricPoint> Points);
