using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Pages.Metrics;

/// <summary>
/// Percentiles of a histogram over each export interval, the way Aspire charts P50/P90/P99: from
/// the bucket counts that arrived since the previous point (cumulative points are differenced),
/// interpolating linearly inside the bucket the percentile falls in.
/// </summary>
public static class HistogramPercentiles
{
    public static readonly double[] Charted = [0.50, 0.90, 0.99];

    /// <summary>For each interval with at least one value: its time and the percentile, per percentile in <see cref="Charted"/>.</summary>
    public static IReadOnlyList<(DateTimeOffset Time, double[] Values)> Over(IReadOnlyList<MetricPoint> points, bool isDelta)
    {
        var result = new List<(DateTimeOffset, double[])>();
        for (var index = 0; index < points.Count; index++)
        {
            if (points[index].Histogram is not { } current)
            {
                continue;
            }

            var previous = !isDelta && index > 0 ? points[index - 1].Histogram : null;
            var counts = current.BucketCounts
                .Select((count, bucket) => previous is not null && previous.BucketCounts.Count == current.BucketCounts.Count && count >= previous.BucketCounts[bucket]
                    ? count - previous.BucketCounts[bucket]
                    : count)
                .ToArray();
            var total = counts.Aggregate(0UL, (sum, count) => sum + count);
            if (total > 0)
            {
                result.Add((points[index].Time, [.. Charted.Select(quantile => Percentile(counts, total, current.ExplicitBounds, quantile, current.Max))]));
            }
        }

        return result;
    }

    private static double Percentile(ulong[] counts, ulong total, IReadOnlyList<double> bounds, double quantile, double? max)
    {
        var rank = quantile * total;
        var seen = 0UL;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            if (seen + counts[bucket] >= rank && counts[bucket] > 0)
            {
                var lower = bucket == 0 ? 0 : bounds[bucket - 1];
                // The overflow bucket has no upper bound: its values are at least the last bound.
                var upper = bucket < bounds.Count ? bounds[bucket] : max ?? lower;
                return lower + ((upper - lower) * ((rank - seen) / counts[bucket]));
            }

            seen += counts[bucket];
        }

        return bounds.Count > 0 ? bounds[^1] : 0;
    }
}
