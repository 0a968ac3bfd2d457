namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>How a span says it ended; the values are OTLP's <c>Status.StatusCode</c>.</summary>
public enum SpanStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
