using Opentelemetry.Proto.Metrics.V1;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>The data points of one OTLP <c>ResourceMetrics</c> as the store keeps them.</summary>
internal static class MetricConversion
{
    /// <returns>The points, and how many were left out because their metric's type is not one the dashboard reads.</returns>
    public static (List<MetricSample> Samples, int Rejected) Read(ResourceMetrics resourceMetrics, ResourceKey resource)
    {
        var samples = new List<MetricSample>();
        var rejected = 0;
        foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
        {
            var meter = scopeMetrics.Scope?.Name ?? "";
            foreach (var metric in scopeMetrics.Metrics)
            {
                switch (metric.DataCase)
                {
                    case Metric.DataOneofCase.Gauge:
                        samples.AddRange(Numbers(Instrument(resource, meter, metric, InstrumentType.Gauge, isDelta: false), metric.Gauge.DataPoints));
                        break;
                    case Metric.DataOneofCase.Sum:
                        var sumType = metric.Sum.IsMonotonic ? InstrumentType.Counter : InstrumentType.UpDownCounter;
                        var sumIsDelta = metric.Sum.AggregationTemporality == AggregationTemporality.Delta;
                        samples.AddRange(Numbers(Instrument(resource, meter, metric, sumType, sumIsDelta), metric.Sum.DataPoints));
                        break;
                    case Metric.DataOneofCase.Histogram:
                        var histogramIsDelta = metric.Histogram.AggregationTemporality == AggregationTemporality.Delta;
                        samples.AddRange(Histograms(Instrument(resource, meter, metric, InstrumentType.Histogram, histogramIsDelta), metric.Histogram.DataPoints));
                        break;
                    default:
                        // Exponential histograms and summaries: their fields are not in our .proto, so they arrive empty.
                        rejected++;
                        break;
                }
            }
        }

        return (samples, rejected);
    }

    private static TelemetryInstrument Instrument(ResourceKey resource, string meter, Metric metric, InstrumentType type, bool isDelta) =>
        new(resource, meter, metric.Name, metric.Description, metric.Unit, type, isDelta);

    private static IEnumerable<MetricSample> Numbers(TelemetryInstrument instrument, IEnumerable<NumberDataPoint> points) =>
        points.Select(point => new MetricSample(
            instrument,
            OtlpValues.Attributes(point.Attributes),
            new MetricPoint(
                OtlpValues.Time(point.StartTimeUnixNano),
                OtlpValues.Time(point.TimeUnixNano),
                point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble,
                Histogram: null)));

    private static IEnumerable<MetricSample> Histograms(TelemetryInstrument instrument, IEnumerable<HistogramDataPoint> points) =>
        points.Select(point => new MetricSample(
            instrument,
            OtlpValues.Attributes(point.Attributes),
            new MetricPoint(
                OtlpValues.Time(point.StartTimeUnixNano),
                OtlpValues.Time(point.TimeUnixNano),
                Value: null,
                new HistogramValue(
                    point.Count,
                    point.HasSum ? point.Sum : 0,
                    point.HasMin ? point.Min : null,
                    point.HasMax ? point.Max : null,
                    [.. point.ExplicitBounds],
                    [.. point.BucketCounts]))));
}
