using Grpc.Core;
using Profiles.Fixtures.Otlp.Logs;
using Profiles.Fixtures.Otlp.Metrics;
using Profiles.Fixtures.Otlp.Trace;

namespace Profiles.Fixtures.Otlp;

/// <summary>OTLP's trace export: counts each resource's spans, keeps those of watched traces, and accepts them all.</summary>
internal sealed class TraceSink(TelemetryTally tally, SpanCapture capture) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        foreach (var resource in request.ResourceSpans)
        {
            tally.Add(resource.Resource, new ExportedTelemetry(resource.ScopeSpans.Sum(scope => scope.Spans.Count), 0, 0, 1));
            var service = TelemetryTally.ServiceName(resource.Resource);
            foreach (var span in resource.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                capture.Add(service, span);
            }
        }

        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

/// <summary>OTLP's logs export: counts each resource's log records and accepts them all.</summary>
internal sealed class LogsSink(TelemetryTally tally) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        foreach (var resource in request.ResourceLogs)
        {
            tally.Add(resource.Resource, new ExportedTelemetry(0, resource.ScopeLogs.Sum(scope => scope.LogRecords.Count), 0, 1));
        }

        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

/// <summary>OTLP's metrics export: counts each resource's metrics and accepts them all.</summary>
internal sealed class MetricsSink(TelemetryTally tally) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        foreach (var resource in request.ResourceMetrics)
        {
            tally.Add(resource.Resource, new ExportedTelemetry(0, 0, resource.ScopeMetrics.Sum(scope => scope.Metrics.Count), 1));
        }

        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
