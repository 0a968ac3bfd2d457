using Opentelemetry.Proto.Trace.V1;
using Profiles.AppHost.Dashboard.Telemetry;
using OtlpSpan = Opentelemetry.Proto.Trace.V1.Span;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>The spans of one OTLP <c>ResourceSpans</c> as the store keeps them.</summary>
internal static class SpanConversion
{
    private const int TraceIdLength = 16;
    private const int SpanIdLength = 8;

    /// <returns>The spans, and how many were rejected for lacking a valid trace or span id.</returns>
    public static (List<TelemetrySpan> Spans, int Rejected) Read(ResourceSpans resourceSpans, ResourceKey resource)
    {
        var spans = new List<TelemetrySpan>();
        var rejected = 0;
        foreach (var scopeSpans in resourceSpans.ScopeSpans)
        {
            var scope = scopeSpans.Scope?.Name ?? "";
            foreach (var span in scopeSpans.Spans)
            {
                if (Read(span, resource, scope) is { } converted)
                {
                    spans.Add(converted);
                }
                else
                {
                    rejected++;
                }
            }
        }

        return (spans, rejected);
    }

    private static TelemetrySpan? Read(OtlpSpan span, ResourceKey resource, string scope)
    {
        var traceId = OtlpValues.Id(span.TraceId, TraceIdLength);
        var spanId = OtlpValues.Id(span.SpanId, SpanIdLength);
        if (traceId is null || spanId is null)
        {
            return null;
        }

        return new TelemetrySpan(
            traceId,
            spanId,
            OtlpValues.Id(span.ParentSpanId, SpanIdLength),
            span.Name,
            Enum.IsDefined((SpanKind)span.Kind) ? (SpanKind)span.Kind : SpanKind.Unspecified,
            resource,
            scope,
            OtlpValues.Time(span.StartTimeUnixNano),
            OtlpValues.Time(span.EndTimeUnixNano),
            span.Status is { } status && Enum.IsDefined((SpanStatusCode)status.Code) ? (SpanStatusCode)status.Code : SpanStatusCode.Unset,
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
            OtlpValues.Attributes(span.Attributes),
            [.. span.Events
                .Select(spanEvent => new SpanEvent(spanEvent.Name, OtlpValues.Time(spanEvent.TimeUnixNano), OtlpValues.Attributes(spanEvent.Attributes)))
                .OrderBy(spanEvent => spanEvent.Time)]);
    }
}
