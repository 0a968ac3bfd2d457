using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Api;

/// <summary>
/// The JSON API over the store, for tests and scripts to check what happened across processes.
/// Same access as the pages: the login cookie, or the API key in <c>x-api-key</c>.
/// </summary>
internal static class TelemetryApi
{
    private const int DefaultLimit = 100;
    private const int DefaultPointsPerSeries = 10;

    public static RouteGroupBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/telemetry");

        api.MapGet("/resources", (TelemetryStore store) =>
            store.GetResources().Select(ResourceDetailJson.From));

        api.MapGet("/traces", (TelemetryStore store, string? resource, string? text, int? limit) =>
            store.GetTraces(resource, text, limit ?? DefaultLimit).Select(TraceSummaryJson.From));

        api.MapGet("/traces/{traceId}", (TelemetryStore store, string traceId) =>
            store.GetTrace(traceId) is { } trace ? Results.Ok(TraceJson.From(trace)) : Results.NotFound());

        api.MapGet("/logs", (TelemetryStore store, string? resource, LogLevel? level, string? traceId, string? spanId, string? text, int? limit) =>
            store.GetLogs(resource, level, text, traceId, spanId, limit ?? DefaultLimit).Select(LogRecordJson.From));

        api.MapGet("/metrics", (TelemetryStore store, string? resource, string? instrument, int? points) =>
            store.GetInstruments(resource)
                .Where(candidate => string.IsNullOrEmpty(instrument) || candidate.Name == instrument)
                .Select(candidate => new InstrumentJson(
                    ResourceJson.From(candidate.Resource), candidate.Meter, candidate.Name, candidate.Description, candidate.Unit,
                    candidate.Type.ToString(), candidate.IsDelta,
                    [.. store.GetMetricSeries(candidate.Resource, candidate.Name)
                        .Select(series => new MetricSeriesJson(series.Dimensions, [.. series.Points.TakeLast(points ?? DefaultPointsPerSeries)]))])));

        return api;
    }
}
