using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>The latency table every scenario shows for its runs: one row per run.</summary>
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
}
