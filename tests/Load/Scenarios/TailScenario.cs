using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Faults;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// The tail at scale: every part answers in 10 ms, except 1 % of calls that take 1 s. A profile
/// waits for all its parts (and `network` for its nested presence lookups), so a rare slow call
/// becomes a common slow profile. Hedging sends another attempt after the part's observed p95 and
/// takes the first answer. docs/architecture.md wants p99.9 cut >= 20x for <= 5 % extra backend calls;
/// Dean and Barroso's BigTable figure was 1,800 ms to 74 ms for 2 % more requests. `activity`
/// streams one post, as in `fanout`: its further posts are paced by the stream itself, and would
/// make it the critical part of nearly every profile whatever the tail does.
/// </summary>
public sealed class TailScenario : IScenario
{
    public const string Fault = "*=tail:10ms,1%:1000ms";

    /// <summary><see cref="Fault"/>'s latency for the 99 % of calls that are not slow.</summary>
    private const double UsualMs = 10;

    public string Name => "tail";

    /// <summary>
    /// Without DCP's proxies, as a deployment runs: every attempt and every hedge of a part would
    /// otherwise pass through the same proxy process, whose stalls no hedge escapes.
    /// </summary>
    public SystemOptions Requires => new() { GatewayUnproxied = true, BackendsUnproxied = true };

    public string Description => "10 ms backends with 1 % at 1 s, with and without hedging";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        // Budget beyond the slow path (network's own 1 s and a nested 1 s), so the tail is measured, not cut off.
        var hedged = new ProfileRequest("concurrent", Fault, TimeSpan.FromSeconds(3), Hedging: true, Posts: 1);
        var unhedged = hedged with { Hedging = false };
        var rate = 100.0;
        var requests = context.Count(10_000, 20);
        var duration = context.Duration(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(2));

        // The hedging delay is each part's observed p95: let every part observe enough latencies first.
        await OpenLoop.RunAsync("warm-up", client, hedged, rate, context.Count(500, 10), duration, cancellationToken);

        var runs = new List<(RunStats Stats, long Attempts, GcPauses Pauses, GatewayRuntime Runtime)>();
        foreach (var request in new[] { unhedged, hedged })
        {
            var name = request.Hedging ? "hedging on" : "hedging off";
            context.Log($"tail: {name}, {requests} requests at {rate}/s");
            var harnessPaused = GC.GetTotalPauseDuration();
            var harnessCollections = GC.CollectionCount(0);
            await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromSeconds(1), cancellationToken);
            var run = await OpenLoop.RunAsync(name, client, request, rate, requests, duration, cancellationToken);
            await observation.StopAsync(cancellationToken);
            var pauses = new GcPauses(observation.Runtime.GcPausesBetween(0, double.MaxValue).PauseMs, observation.Runtime.MostGcPauseInOneInterval(),
                (GC.GetTotalPauseDuration() - harnessPaused).TotalMilliseconds, GC.CollectionCount(0) - harnessCollections);
            runs.Add((run, observation.BackendAttempts, pauses, observation.Runtime));
        }

        var (off, offAttempts, _, _) = runs[0];
        var (on, onAttempts, _, onRuntime) = runs[1];
        var offPerRequest = offAttempts / (double)Math.Max(1, off.Count);
        var onPerRequest = onAttempts / (double)Math.Max(1, on.Count);

        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}` on every part (presence too, so `network`'s nested lookups have the tail as well), budget 3 s, `posts=1`, "
                + $"{rate:0} requests/s arriving at a fixed rate (open loop), {requests} requests per run, after a hedged warm-up.")
            .Table(Latencies.Table([off, on]))
            .Table(Latencies.CriticalParts([off, on]))
            .Table(new MarkdownTable("", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "backend calls per request", "extra backend calls")
                .Row("hedging off", off.PercentileMs(50), off.PercentileMs(99), off.PercentileMs(99.9), offPerRequest, null)
                .Row("hedging on", on.PercentileMs(50), on.PercentileMs(99), on.PercentileMs(99.9), onPerRequest, $"{(onPerRequest / offPerRequest - 1) * 100:0.0} %")
                .Row("off / on", off.PercentileMs(50) / on.PercentileMs(50), off.PercentileMs(99) / on.PercentileMs(99), off.PercentileMs(99.9) / on.PercentileMs(99.9), null, null)
                .Row("The Tail at Scale (BigTable, hedge after 10 ms)", null, null, "1,800 → 74 (24x)", null, "2 %"))
            .Paragraph($"With hedging on, what the slowest profiles waited for: the {P999Rank(on)} slowest (p99.9 and above), then the "
                + $"{Math.Min(on.Count, RunStats.SlowestKept)} slowest by critical part. `network`'s own presence lookups are hedged inside `network`; its row shows its call from the gateway. "
                + "Unsent is how long after its due time the harness sent it (below zero: sent less than a millisecond early, as the pacing allows).")
            .Table(SlowestProfiles.Each(on, P999Rank(on)))
            .Table(SlowestProfiles.ByCriticalPart(on))
            .Paragraph("The collectors' pauses during each run: a stall of the gateway's, or of this harness's (it times every request), would show here.")
            .Table(PausesTable(runs.Select(run => (run.Stats.Name, run.Pauses))))
            .Paragraph("Each part's hedging delay in the gateway, sampled every second of the hedged run (its `/diagnostics/runtime`). "
                + "A part whose first attempt and first hedge are both in the slow 1 % answers after two delays and a call.")
            .Table(HedgingDelays(onRuntime));
        report.Plots.Add(Plots.LatencyDistribution(context.PlotPath(Name), "tail: 10 ms backends, 1 % at 1 s",
            [("hedging off", off.Latency), ("hedging on", on.Latency)]));
        return report;
    }

    private static MarkdownTable PausesTable(IEnumerable<(string Run, GcPauses Pauses)> runs)
    {
        var table = new MarkdownTable("GC", "gateway paused (ms)", "gateway, most in one second (ms)", "harness paused (ms)", "harness collections");
        foreach (var (run, pauses) in runs)
        {
            table.Row(run, pauses.GatewayMs, pauses.GatewayMostInOneSecondMs, pauses.HarnessMs, pauses.HarnessCollections);
        }

        return table;
    }

    private static MarkdownTable HedgingDelays(GatewayRuntime runtime)
    {
        var delays = runtime.Samples.SelectMany(sample => sample.Sample.HedgingDelaysMs ?? new Dictionary<string, double>())
            .GroupBy(delay => delay.Key, delay => delay.Value, StringComparer.Ordinal)
            .OrderBy(part => part.Key, StringComparer.Ordinal);
        var table = new MarkdownTable("part", "hedging delay p50 (ms)", "min (ms)", "max (ms)", "two delays and a 10 ms call (ms)");
        foreach (var part in delays)
        {
            var median = Percentiles.Of(part, 50);
            table.Row(part.Key, median, part.Min(), part.Max(), 2 * median + UsualMs);
        }

        return table;
    }

    private sealed record GcPauses(double GatewayMs, double GatewayMostInOneSecondMs, double HarnessMs, int HarnessCollections);

    /// <summary>How many profiles are at p99.9 or slower: the tenth slowest of 10,000 is p99.9.</summary>
    private static int P999Rank(RunStats run) => (int)Math.Max(1, Math.Ceiling(run.Count * 0.001));
}
