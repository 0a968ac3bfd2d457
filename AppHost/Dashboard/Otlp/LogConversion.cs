using Microsoft.Extensions.Logging;
using Opentelemetry.Proto.Logs.V1;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>The log records of one OTLP <c>ResourceLogs</c> as the store keeps them.</summary>
internal static class LogConversion
{
    public static List<TelemetryLogRecord> Read(ResourceLogs resourceLogs, ResourceKey resource) =>
        [.. resourceLogs.ScopeLogs.SelectMany(scopeLogs => scopeLogs.LogRecords.Select(record => new TelemetryLogRecord(
            resource,
            OtlpValues.Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
            Level(record.SeverityNumber),
            record.SeverityText,
            OtlpValues.Text(record.Body),
            scopeLogs.Scope?.Name ?? "",
            OtlpValues.Attributes(record.Attributes),
            OtlpValues.Id(record.TraceId, 16),
            OtlpValues.Id(record.SpanId, 8))))];

    /// <summary>OTLP's severity numbers come in fours per level: TRACE..TRACE4 = 1..4, DEBUG = 5..8, and so on to FATAL = 21..24.</summary>
    private static LogLevel Level(SeverityNumber severity) => (int)severity switch
    {
        >= 1 and <= 4 => LogLevel.Trace,
        >= 5 and <= 8 => LogLevel.Debug,
        >= 9 and <= 12 => LogLevel.Information,
        >= 13 and <= 16 => LogLevel.Warning,
        >= 17 and <= 20 => LogLevel.Error,
        >= 21 and <= 24 => LogLevel.Critical,
        _ => LogLevel.None,
    };
}
