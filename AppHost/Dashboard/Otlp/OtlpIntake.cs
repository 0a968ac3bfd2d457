using Opentelemetry.Proto.Collector.Logs.V1;
using Opentelemetry.Proto.Collector.Metrics.V1;
using Opentelemetry.Proto.Collector.Trace.V1;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>
/// What both receivers (gRPC and HTTP/protobuf) do with a decoded export: convert it and keep it.
/// What cannot be kept is reported as OTLP's partial success, never as a failed export.
/// </summary>
internal sealed class OtlpIntake(TelemetryStore store, TimeProvider time)
{
    public ExportTraceServiceResponse Export(ExportTraceServiceRequest request)
    {
        var rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = OtlpValues.Resource(resourceSpans.Resource, time.GetUtcNow());
            var (spans, invalid) = SpanConversion.Read(resourceSpans, resource.Key);
            store.AddSpans(resource, spans);
            rejected += invalid;
        }

        return rejected == 0
            ? new ExportTraceServiceResponse()
            : new ExportTraceServiceResponse { PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejected, ErrorMessage = "Spans without a valid trace id or span id were dropped." } };
    }

    public ExportLogsServiceResponse Export(ExportLogsServiceRequest request)
    {
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = OtlpValues.Resource(resourceLogs.Resource, time.GetUtcNow());
            store.AddLogs(resource, LogConversion.Read(resourceLogs, resource.Key));
        }

        return new ExportLogsServiceResponse();
    }

    public ExportMetricsServiceResponse Export(ExportMetricsServiceRequest request)
    {
        var rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = OtlpValues.Resource(resourceMetrics.Resource, time.GetUtcNow());
            var (samples, unsupported) = MetricConversion.Read(resourceMetrics, resource.Key);
            store.AddMetrics(resource, samples);
            rejected += unsupported;
        }

        return rejected == 0
            ? new ExportMetricsServiceResponse()
            : new ExportMetricsServiceResponse { PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = "Only gauges, sums and explicit-bucket histograms are kept." } };
    }
}
