using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// A retry storm, or its absence: every backend slows down as a whole, from 10 ms to 300 ms, for
/// 30 s at 100 profiles/s, then recovers. Hedging after the p95 would hedge nearly every call,
/// twice, until the delay caught up; the backends' attempt budgets and the delay's recent median
/// must keep the calls per profile within 1.1x of hedging off, and the p99 no worse. Then 1
/// profile/s for a minute at 300 ms, where a budget refilled by time would let every call hedge.
/// Each phase is its own open-loop run, so a phase begins once the last one's requests have answered.
/// </summary>
public sealed class StormScenario : IScenario
{
    public const string Fast = "*=latency:10ms";
    public const string Slow = "*=latency:300ms";

    public string Name => "storm";

    public string Description => "every backend 10 ms -> 300 ms for 30 s at 100 profiles/s, hedging on and off; then 1 profile/s at 300 ms";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        // Budget beyond the slow path (network's own 300 ms and its nested 300 ms), so the storm is measured, not cut off.
        var hedged = new ProfileRequest("concurrent", Fast, TimeSpan.FromSeconds(3), Hedging: true, Posts: 1);
        var rate = 100.0;
        var phases = new (string Name, string Fault, TimeSpan Duration)[]
        {
            ("before", Fast, context.Duration(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1))),
            ("during", Slow, context.Duration(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1))),
            ("after", Fast, context.Duration(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1))),
        };

        // Every part observes enough latencies for its p95 first, as in `tail`.
        await OpenLoop.RunAsync("warm-up", client, hedged, rate, context.Count(500, 10), TimeSpan.FromSeconds(60), cancellationToken);

        var shift = new List<Phase>();
        foreach (var hedging in new[] { false, true })
        {
            foreach (var (name, fault, duration) in phases)
            {
                var label = $"{(hedging ? "hedging on" : "hedging off")}, {name}";
                context.Log($"storm: {label}, {fault} at {rate}/s for {duration.TotalSeconds:0.#} s");
                shift.Add(await RunPhaseAsync(context, client, label, hedged with { Fault = fault, Hedging = hedging }, rate, duration, cancellationToken));
            }
        }

        var lowRate = new List<Phase>();
        var lowDuration = context.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3));
        foreach (var hedging in new[] { false, true })
        {
            var label = $"1/s, {(hedging ? "hedging on" : "hedging off")}";
            context.Log($"storm: {label}, {Slow} for {lowDuration.TotalSeconds:0.#} s");
            lowRate.Add(await RunPhaseAsync(context, client, label, hedged with { Fault = Slow, Hedging = hedging }, 1, lowDuration, cancellationToken));
        }

        var duringOff = shift.Single(phase => phase.Stats.Name == "hedging off, during");
        var duringOn = shift.Single(phase => phase.Stats.Name == "hedging on, during");
        var report = new ScenarioReport(Name)
            .Paragraph($"`posts=1`, budget 3 s, concurrent mode, requests arriving at a fixed rate (open loop) after a hedged warm-up at `{Fast}`. "
                + $"Shift: {rate:0} profiles/s for {phases[0].Duration.TotalSeconds:0.#} s at `{Fast}`, {phases[1].Duration.TotalSeconds:0.#} s at `{Slow}`, "
                + $"{phases[2].Duration.TotalSeconds:0.#} s at `{Fast}`, with hedging off, then on. "
                + $"Low rate: 1 profile/s for {lowDuration.TotalSeconds:0.#} s at `{Slow}`, off, then on.")
            .Table(Latencies.Table(shift.Select(phase => phase.Stats)))
            .Table(CallsPerProfile(shift))
            .Table(Admission(shift))
            .Table(new MarkdownTable("during the shift", "calls per profile (on / off)", "p99 (on / off)")
                .Row("hedging on vs off", Ratio(duringOn.CallsPerProfile, duringOff.CallsPerProfile), Ratio(duringOn.Stats.PercentileMs(99), duringOff.Stats.PercentileMs(99)))
                .Row("goal", "<= 1.1", "<= 1"))
            .Table(Latencies.Table(lowRate.Select(phase => phase.Stats)))
            .Table(CallsPerProfile(lowRate))
            .Table(new MarkdownTable("at 1 profile/s", "extra calls with hedging on")
                .Row("all backends", $"{(Ratio(lowRate[1].CallsPerProfile, lowRate[0].CallsPerProfile) - 1) * 100:0.0} %"));
        report.Plots.Add(Plots.LatencyDistribution(context.PlotPath(Name), "storm: every backend 10 ms -> 300 ms, the 300 ms phase",
            [("hedging off", duringOff.Stats.Latency), ("hedging on", duringOn.Stats.Latency)]));
        return report;
    }

    private static async Task<Phase> RunPhaseAsync(
        ScenarioContext context, LoadClient client, string label, ProfileRequest request, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromSeconds(1), cancellationToken);
        var requests = (long)Math.Ceiling(rate * duration.TotalSeconds);
        var stats = await OpenLoop.RunAsync(label, client, request, rate, requests, duration, cancellationToken);
        await observation.StopAsync(cancellationToken);
        var admission = observation.Runtime.Samples.Select(sample => sample.Sample).ToList();
        return new Phase(stats, observation.Work.ToDictionary(pair => pair.Key, pair => pair.Value.Attempts, StringComparer.Ordinal), admission);
    }

    /// <summary>Each backend service's calls per profile answered or not, one column per phase.</summary>
    private static MarkdownTable CallsPerProfile(IReadOnlyList<Phase> phases)
    {
        var services = phases.SelectMany(phase => phase.Calls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new MarkdownTable(["calls per profile", .. phases.Select(phase => phase.Stats.Name)]);
        foreach (var service in services)
        {
            table.Row([service, .. phases.Select(phase => (object?)(phase.Calls.GetValueOrDefault(service) / (double)Math.Max(1, phase.Stats.Count)))]);
        }

        table.Row(["all", .. phases.Select(phase => (object?)phase.CallsPerProfile)]);
        return table;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? double.NaN : numerator / denominator;

    /// <summary>What admission did in each phase, from the gateway's runtime samples (one a second): a limit cut or a queue standing explains a 503.</summary>
    private static MarkdownTable Admission(IReadOnlyList<Phase> phases)
    {
        var table = new MarkdownTable("admission", "limit: lowest", "limit: highest", "queued: most");
        foreach (var phase in phases)
        {
            table.Row(phase.Stats.Name,
                phase.Runtime.Select(sample => (long)sample.AdmissionLimit).DefaultIfEmpty().Min(),
                phase.Runtime.Select(sample => (long)sample.AdmissionLimit).DefaultIfEmpty().Max(),
                phase.Runtime.Select(sample => sample.AdmissionQueued).DefaultIfEmpty().Max());
        }

        return table;
    }

    private sealed record Phase(RunStats Stats, Dictionary<string, long> Calls, List<RuntimeSample> Runtime)
    {
        public double CallsPerProfile => Calls.Values.Sum() / (double)Math.Max(1, Stats.Count);
    }
}
