using System.Net.Http.Json;
using System.Text.Json;

namespace Profiles.E2E;

/// <summary>One span of a trace as the dashboard's telemetry API serves it (OTLP JSON), flattened with the service that sent it.</summary>
public sealed record TelemetrySpan(string Service, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP's SPAN_KIND_SERVER: the backend's own side of a call.</summary>
    public const int Server = 2;

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    /// <summary>The trace's spans; none until the trace has reached the dashboard.</summary>
    public static async Task<List<TelemetrySpan>> OfTraceAsync(HttpClient telemetry, string traceId, CancellationToken cancellationToken)
    {
        using var response = await telemetry.GetAsync($"/api/telemetry/traces/{traceId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        using var trace = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
        return
        [
            .. from resourceSpans in trace!.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
               let service = AttributesOf(resourceSpans.GetProperty("resource"))["service.name"]
               from scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray()
               from span in scopeSpans.GetProperty("spans").EnumerateArray()
               select new TelemetrySpan(service, span.GetProperty("name").GetString()!, span.GetProperty("kind").GetInt32(), AttributesOf(span)),
        ];
    }

    /// <summary>OTLP JSON's <c>attributes: [{ key, value: { stringValue } }]</c>; the dashboard sends every value as a string.</summary>
    private static Dictionary<string, string> AttributesOf(JsonElement owner) =>
        owner.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().ToDictionary(
                attribute => attribute.GetProperty("key").GetString()!,
                attribute => attribute.GetProperty("value").EnumerateObject().FirstOrDefault().Value.ToString(),
                StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
