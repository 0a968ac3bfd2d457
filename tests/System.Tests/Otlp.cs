using System.Globalization;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>
/// Reads the dashboard telemetry API's answers: <c>{ data: { resourceSpans | resourceLogs } }</c> in
/// OTLP JSON, where each resource names its process in the <c>service.name</c> attribute.
/// </summary>
internal static class Otlp
{
    public static List<Span> Spans(JsonElement answer) =>
    [
        .. Resources(answer, "resourceSpans").SelectMany(resource =>
            resource.GetProperty("scopeSpans").EnumerateArray()
                .SelectMany(scope => scope.GetProperty("spans").EnumerateArray())
                .Select(span => new Span(
                    ServiceName(resource),
                    span.GetProperty("name").GetString()!,
                    UnixNano(span.GetProperty("startTimeUnixNano")),
                    UnixNano(span.GetProperty("endTimeUnixNano"))))),
    ];

    public static int LogRecordCount(JsonElement answer) =>
        Resources(answer, "resourceLogs").Sum(resource =>
            resource.GetProperty("scopeLogs").EnumerateArray().Sum(scope => scope.GetProperty("logRecords").GetArrayLength()));

    private static JsonElement[] Resources(JsonElement answer, string kind) =>
        answer.GetProperty("data").TryGetProperty(kind, out var resources) && resources.ValueKind == JsonValueKind.Array
            ? [.. resources.EnumerateArray()]
            : [];

    private static string ServiceName(JsonElement resource) =>
        resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
            .Single(attribute => attribute.GetProperty("key").GetString() == "service.name")
            .GetProperty("value").GetProperty("stringValue").GetString()!;

    /// <summary>OTLP JSON writes 64-bit integers as strings.</summary>
    private static ulong UnixNano(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? ulong.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : value.GetUInt64();
}

internal sealed record Span(string Service, string Name, ulong Start, ulong End);
