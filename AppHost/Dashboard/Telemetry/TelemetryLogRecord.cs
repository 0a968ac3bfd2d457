using Microsoft.Extensions.Logging;

namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>One structured log record, as received over OTLP.</summary>
/// <param name="Resource">The process that logged it.</param>
/// <param name="Time">When it was logged (the observed time when the sender gave none).</param>
/// <param name="Level">Its level, from the OTLP severity number (1–4 trace, 5–8 debug, 9–12 information, 13–16 warning, 17–20 error, 21–24 critical; 0 is <see cref="LogLevel.None"/>).</param>
/// <param name="SeverityText">The severity as the sender wrote it, e.g. <c>Information</c>; may be empty.</param>
/// <param name="Message">The formatted message: the record's body.</param>
/// <param name="Category">The logger's category: the OTLP instrumentation scope's name.</param>
/// <param name="Attributes">Its attributes (the message template's arguments, <c>{OriginalFormat}</c>, scopes, exception details), values as text.</param>
/// <param name="TraceId">The trace it was logged in, or null.</param>
/// <param name="SpanId">The span it was logged in, or null.</param>
public sealed record TelemetryLogRecord(
    ResourceKey Resource,
    DateTimeOffset Time,
    LogLevel Level,
    string SeverityText,
    string Message,
    string Category,
    IReadOnlyDictionary<string, string> Attributes,
    string? TraceId,
    string? SpanId);
