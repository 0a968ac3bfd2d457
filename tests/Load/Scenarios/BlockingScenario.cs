using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Async against thread-per-request: every backend at 100 ms, 50, 200 and 1000 clients, the
/// concurrent mode against the blocking one (the request's thread held through every call, as
/// the servlets did). docs/architecture.md wants concurrent throughput >= 10x blocking. The gateway's thread
/// pool is watched throughout: blocking requests starve it, and it answers by adding threads.
/// </summary>
public sealed class BlockingScenario : IScenario
{
    public const string Fault = "*=latency:100ms";

    private static readonly int[] FullClients = [50, 200, 1000];

    public string Name => "blocking";

    public string Description => "100 ms backends; 50, 200, 1000 clients; concurrent against blocking, with the thread pool over time";

    /// <summary>1,000 clients fan out at once, as the gateway's thread pool is the thing measured.</summary>
    public SystemOptions Requires => Unshed.System;

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        var concurrent = new ProfileRequest("concurrent", Fault, TimeSpan.FromSeconds(10), Hedging: false);
        var blocking = concurrent with { Mode = "blocking" };
        var phase = context.Duration(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        var levels = FullClients.Select(clients => context.Count(clients, 2)).Distinct().ToArray();

        await ClosedLoop.RunAsync("warm-up", client, concurrent, 4, context.Count(100, 4), phase, cancellationToken);

        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromMilliseconds(250), cancellationToken);
        var phases = new List<(double StartedAt, string Label)>();
        var startedAt = DateTime.UtcNow;
        var runs = new List<(string Mode, int Clients, RunStats Stats)>();
        // Every concurrent level first: the threads the blocking mode makes the pool add would flatter it.
        foreach (var (mode, request) in new[] { ("concurrent", concurrent), ("blocking", blocking) })
        {
            foreach (var clients in levels)
            {
                context.Log($"blocking: {mode}, {clients} clients");
                phases.Add(((DateTime.UtcNow - startedAt).TotalSeconds, $"{mode} {clients}"));
                var run = await ClosedLoop.RunAsync($"{mode}, {clients} clients", client, request, clients, long.MaxValue, phase, cancellationToken);
                runs.Add((mode, clients, run));
            }
        }

        await observation.StopAsync(cancellationToken);

        var comparison = new MarkdownTable("clients", "concurrent (200s/s)", "blocking (200s/s)", "throughput ratio", "concurrent p99 (ms)", "blocking p99 (ms)");
        foreach (var clients in levels)
        {
            var async = runs.Single(run => run.Mode == "concurrent" && run.Clients == clients).Stats;
            var sync = runs.Single(run => run.Mode == "blocking" && run.Clients == clients).Stats;
            comparison.Row(clients, async.Goodput, sync.Goodput, async.Goodput / sync.Goodput, async.PercentileMs(99), sync.PercentileMs(99));
        }

        var peakThreads = observation.Runtime.Peak(sample => sample.ThreadPoolThreads);
        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}` (so `network`, with its nested presence lookups, takes 200 ms), budget 10 s, hedging off, closed loop, {phase.TotalSeconds:0} s per run. "
                + $"Peak thread-pool threads in the gateway: {peakThreads?.ThreadPoolThreads.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}; "
                + $"peak OS threads: {(observation.Processes.GatewayThreads.Count == 0 ? "—" : observation.Processes.GatewayThreads.Max(sample => sample.Threads).ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
            .Table(comparison)
            .Table(Latencies.Table(runs.Select(run => run.Stats)))
            .Table(observation.ProcessTable())
            .Table(observation.WorkTable());

        var throughput = Plots.NewPlot("async against blocking: throughput against clients (100 ms backends)", "concurrent clients", "successful requests per second");
        foreach (var mode in new[] { "concurrent", "blocking" })
        {
            var points = runs.Where(run => run.Mode == mode).ToArray();
            var line = throughput.Add.Scatter(points.Select(run => (double)run.Clients).ToArray(), points.Select(run => run.Stats.Goodput).ToArray());
            line.LegendText = mode;
            line.LineWidth = 2;
        }

        throughput.ShowLegend(ScottPlot.Alignment.UpperLeft);
        var threads = Plots.NewPlot("the gateway's threads over the run", "seconds", "threads");
        var pool = observation.Runtime.Samples;
        var poolLine = threads.Add.Scatter(pool.Select(sample => sample.Seconds).ToArray(), pool.Select(sample => (double)sample.Sample.ThreadPoolThreads).ToArray());
        poolLine.LegendText = "thread-pool threads";
        var os = observation.Processes.GatewayThreads;
        var osLine = threads.Add.Scatter(os.Select(sample => sample.Seconds).ToArray(), os.Select(sample => (double)sample.Threads).ToArray());
        osLine.LegendText = "OS threads";
        foreach (var (at, label) in phases)
        {
            threads.Add.VerticalLine(at).Text = label;
        }

        threads.ShowLegend(ScottPlot.Alignment.UpperLeft);
        report.Plots.Add(Plots.Stacked(context.PlotPath(Name), throughput, threads));
        return report;
    }
}
