namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>One span, as received over OTLP. Ids are lowercase hex, as W3C trace context writes them.</summary>
/// <param name="TraceId">The trace it belongs to (32 hex digits).</param>
/// <param name="SpanId">Its own id (16 hex digits).</param>
/// <param name="ParentSpanId">Its parent's id, or null for a root span.</param>
/// <param name="Name">Its name, e.g. <c>profile.part members</c> or <c>members.Members/GetMember</c>.</param>
/// <param name="Kind">Server, client, internal, ...</param>
/// <param name="Resource">The process that recorded it.</param>
/// <param name="Scope">The instrumentation scope (activity source) that created it.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended.</param>
/// <param name="StatusCode">Its status: unset, ok or error.</param>
/// <param name="StatusMessage">The status description, if any.</param>
/// <param name="Attributes">Its attributes, values as text.</param>
/// <param name="Events">Its events in time order; exceptions are among them.</param>
public sealed record TelemetrySpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    ResourceKey Resource,
    string Scope,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    SpanStatusCode StatusCode,
    string? StatusMessage,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public TimeSpan Duration => EndTime - StartTime;

    /// <summary>Whether the span ended because it was cancelled; see <see cref="SpanCancellation"/> for the rule.</summary>
    public bool IsCancelled => SpanCancellation.IsCancelled(this);

    /// <summary>Whether the span failed: an error status that is not a cancellation.</summary>
    public bool IsError => StatusCode == SpanStatusCode.Error && !IsCancelled;
}
