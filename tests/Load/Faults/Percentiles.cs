namespace Profiles.Load.Faults;

/// <summary>Nearest-rank percentiles of a few thousand values, for figures that are not in a histogram.</summary>
public static class Percentiles
{
    /// <summary>The value at <paramref name="percentile"/> (0–100) of those given, ignoring NaN; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Where(value => !double.IsNaN(value)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
