namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>One exported value of one series.</summary>
/// <param name="StartTime">When the aggregation it reports began (for a cumulative sum: when counting started).</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Value">The gauge's or sum's value; null for a histogram.</param>
/// <param name="Histogram">The distribution; null unless the instrument is a histogram.</param>
public sealed record MetricPoint(DateTimeOffset StartTime, DateTimeOffset Time, double? Value, HistogramValue? Histogram);

/// <summary>A histogram point: how many values, their sum, and how they fall into buckets.</summary>
/// <param name="Count">How many values were recorded.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest, when the sender reports it.</param>
/// <param name="Max">The largest, when the sender reports it.</param>
/// <param name="ExplicitBounds">The buckets' upper bounds, ascending; bucket i holds values in (bound[i-1], bound[i]], the last one everything above.</param>
/// <param name="BucketCounts">How many values fell in each bucket: one more than there are bounds.</param>
public sealed record HistogramValue(ulong Count, double Sum, double? Min, double? Max, IReadOnlyList<double> ExplicitBounds, IReadOnlyList<ulong> BucketCounts);
