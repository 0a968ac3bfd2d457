namespace Profiles.Fixtures.Otlp;

/// <summary>What one service exported over OTLP: spans, log records and metrics, and the export calls that carried them.</summary>
public readonly record struct ExportedTelemetry(long Spans, long LogRecords, long Metrics, long Exports)
{
    public static ExportedTelemetry None => default;

    public static ExportedTelemetry operator +(ExportedTelemetry left, ExportedTelemetry right) =>
        new(left.Spans + right.Spans, left.LogRecords + right.LogRecords, left.Metrics + right.Metrics, left.Exports + right.Exports);

    public static ExportedTelemetry operator -(ExportedTelemetry left, ExportedTelemetry right) =>
        new(left.Spans - right.Spans, left.LogRecords - right.LogRecords, left.Metrics - right.Metrics, left.Exports - right.Exports);
}
