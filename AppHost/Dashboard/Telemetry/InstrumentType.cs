namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>What an instrument's points hold, after OTLP's <c>Metric.data</c>.</summary>
public enum InstrumentType
{
    /// <summary>A value sampled at each export (<see cref="MetricPoint.Value"/>).</summary>
    Gauge,

    /// <summary>A monotonic sum, e.g. a counter (<see cref="MetricPoint.Value"/>, cumulative unless the sender exports deltas).</summary>
    Counter,

    /// <summary>A sum that can go down, e.g. an up-down counter (<see cref="MetricPoint.Value"/>).</summary>
    UpDownCounter,

    /// <summary>A distribution in explicit buckets (<see cref="MetricPoint.Histogram"/>).</summary>
    Histogram,
}
