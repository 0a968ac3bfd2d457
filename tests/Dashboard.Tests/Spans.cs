using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Tests;

/// <summary>Model spans, logs and resources written by hand, for the store's and the model's own tests.</summary>
internal static class Spans
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TelemetryResource Resource(string service, int replica = 0) =>
        new(new ResourceKey(service, $"{service}-{replica}"), new Dictionary<string, string>(), T0);

    /// <summary>A span from <paramref name="startMs"/> to <paramref name="endMs"/> after <see cref="T0"/>.</summary>
    public static TelemetrySpan Span(
        string traceId, string spanId, string? parentSpanId, double startMs, double endMs,
        string service = "gateway", string? name = null,
        SpanStatusCode status = SpanStatusCode.Unset,
        IReadOnlyDictionary<string, string>? attributes = null,
        IReadOnlyList<SpanEvent>? events = null) =>
        new(traceId, spanId, parentSpanId, name ?? spanId, SpanKind.Internal, Resource(service).Key, "test",
            T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs), status, StatusMessage: null,
            attributes ?? new Dictionary<string, string>(), events ?? []);

    public static TelemetryLogRecord Log(string service, string message, double atMs = 0, string? traceId = null) =>
        new(Resource(service).Key, T0.AddMilliseconds(atMs), Microsoft.Extensions.Logging.LogLevel.Information, "Information",
            message, "Test", new Dictionary<string, string>(), traceId, SpanId: null);

    public static string TraceId(int number) => number.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
