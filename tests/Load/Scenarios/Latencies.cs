using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>The tables every scenario shows for its runs: one row per run.</summary>
public static class Latencies
{
    public static MarkdownTable Table(IEnumerable<RunStats> runs)
    {
        var table = new MarkdownTable("run", "requests", "p50 (ms)", "p90 (ms)", "p99 (ms)", "p99.9 (ms)", "max (ms)", "throughput (req/s)", "errors by status");
        foreach (var run in runs)
        {
            table.Row(run.Name, run.Count, run.PercentileMs(50), run.PercentileMs(90), run.PercentileMs(99), run.PercentileMs(99.9),
                run.MaxMs, run.Throughput, run.ErrorSummary());
        }

        return table;
    }

    /// <summary>
    /// Which part decided each answered profile's latency (the gateway's <c>criticalPart</c>), as a
    /// share of the run: what to make faster for the profile to be faster.
    /// </summary>
    public static MarkdownTable CriticalParts(IEnumerable<RunStats> runs)
    {
        var runList = runs.ToList();
        var parts = runList.SelectMany(run => run.ByCriticalPart.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new MarkdownTable(["critical part", .. parts]);
        foreach (var run in runList)
        {
            var answered = Math.Max(1, run.ByCriticalPart.Values.Sum());
            table.Row([run.Name, .. parts.Select(part => (object?)$"{run.ByCriticalPart.GetValueOrDefault(part) * 100.0 / answered:0.#} %")]);
        }

        return table;
    }
}
