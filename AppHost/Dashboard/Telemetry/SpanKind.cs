namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>The role of a span in its trace; the values are OTLP's <c>Span.SpanKind</c>.</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
