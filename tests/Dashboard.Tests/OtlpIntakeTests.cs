using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Profiles.AppHost.Dashboard.Telemetry;
using SpanKind = Profiles.AppHost.Dashboard.Telemetry.SpanKind;

namespace Profiles.AppHost.Dashboard.Tests;

/// <summary>Real payloads: what the OpenTelemetry .NET exporter sends, over both OTLP transports, lands in the store.</summary>
[Collection(nameof(SharedDashboard))]
public sealed partial class OtlpIntakeTests(DashboardHost dashboard)
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task A_span_a_log_a_counter_and_a_histogram_arrive_in_the_store(OtlpExportProtocol protocol)
    {
        var service = $"exporter-{protocol}".ToLowerInvariant();
        var source = $"Tests.{protocol}";
        var resource = ResourceBuilder.CreateEmpty().AddService(service, serviceInstanceId: $"{service}-0");
        string traceId;

        using (var activitySource = new ActivitySource(source))
        using (var meter = new Meter(source))
        using (var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(source)
            .AddOtlpExporter(exporter => Configure(exporter, protocol, "v1/traces")).Build())
        using (var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(source)
            .AddOtlpExporter((exporter, _) => Configure(exporter, protocol, "v1/metrics")).Build())
        {
            using (var logging = LoggerFactory.Create(builder => builder.AddOpenTelemetry(otel =>
            {
                otel.SetResourceBuilder(resource);
                otel.IncludeFormattedMessage = true;
                otel.AddOtlpExporter(exporter => Configure(exporter, protocol, "v1/logs"));
            })))
            {
                using var activity = activitySource.StartActivity("profile fan-out", ActivityKind.Server)!;
                activity.SetTag("profile.member", 42);
                activity.AddEvent(new ActivityEvent("part landed", tags: new ActivityTagsCollection { ["part"] = "skills" }));
                activity.AddException(new OperationCanceledException("The client went away."));
                activity.SetStatus(ActivityStatusCode.Error, "cancelled");
                traceId = activity.TraceId.ToHexString();
                PartFetched(logging.CreateLogger("Tests.Parts"), "skills", 12);
            }

            meter.CreateCounter<long>("profile.parts").Add(3, new KeyValuePair<string, object?>("part", "skills"));
            var latency = meter.CreateHistogram<double>("profile.latency", "ms");
            latency.Record(12.5);
            latency.Record(200);
            Assert.True(tracing.ForceFlush());
            Assert.True(metrics.ForceFlush());
        }

        var store = dashboard.App.Services.GetRequiredService<TelemetryStore>();

        var span = Assert.Single(store.GetTrace(traceId)!.Spans).Span;
        Assert.Equal("profile fan-out", span.Name);
        Assert.Equal(SpanKind.Server, span.Kind);
        Assert.Equal(new ResourceKey(service, $"{service}-0"), span.Resource);
        Assert.Equal("42", span.Attributes["profile.member"]);
        Assert.Equal("skills", Assert.Single(span.Events, spanEvent => spanEvent.Name == "part landed").Attributes["part"]);
        Assert.Equal(SpanStatusCode.Error, span.StatusCode);
        Assert.True(span.IsCancelled);

        var log = Assert.Single(store.GetLogs(resource: service));
        Assert.Equal("Fetched skills in 12 ms", log.Message);
        Assert.Equal("Tests.Parts", log.Category);
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Equal("skills", log.Attributes["Part"]);
        Assert.Equal(traceId, log.TraceId);
        Assert.Equal(span.SpanId, log.SpanId);

        var counter = Assert.Single(store.GetMetricSeries(span.Resource, "profile.parts"));
        Assert.Equal("skills", counter.Dimensions["part"]);
        Assert.Equal(3, counter.Points[^1].Value);
        var histogram = Assert.Single(store.GetMetricSeries(span.Resource, "profile.latency")).Points[^1].Histogram!;
        Assert.Equal(2UL, histogram.Count);
        Assert.Equal(212.5, histogram.Sum);
        Assert.Equal(histogram.ExplicitBounds.Count + 1, histogram.BucketCounts.Count);
        Assert.Contains(store.GetInstruments(service), instrument => instrument is { Name: "profile.latency", Type: InstrumentType.Histogram, Unit: "ms" });
    }

    [LoggerMessage(LogLevel.Information, "Fetched {Part} in {Elapsed} ms")]
    private static partial void PartFetched(ILogger logger, string part, int elapsed);

    private void Configure(OtlpExporterOptions exporter, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        // Set in code, an HTTP endpoint is the signal's full URL; a gRPC one is the server's.
        exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? dashboard.Access.OtlpGrpcUrl : new Uri(dashboard.Access.OtlpHttpUrl, signalPath);
        exporter.Headers = $"{DashboardAccess.OtlpApiKeyHeader}={dashboard.Access.OtlpApiKey}";
    }
}
