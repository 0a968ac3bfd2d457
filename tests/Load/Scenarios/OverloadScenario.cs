using System.Globalization;
using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Faults;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Overload: first the capacity (closed loop, many clients: what the machine answers per second),
/// then half of it as a baseline, five times it for 30 s, and half of it again. The gateway should
/// shed at once with 503 and <c>Retry-After</c> once its admission queue stands
/// (<c>Admission:MaxQueueWait</c>), keep the requests it admits within their budget and its
/// memory bounded, and be back to normal within seconds of the burst's end.
/// </summary>
public sealed class OverloadScenario : IScenario
{
    private const int Overload = 5;

    public string Name => "overload";

    public string Description => "capacity, then 5x capacity for 30 s: shed rate, Retry-After, admitted latency, memory, recovery";

    /// <summary>
    /// The burst reaches the gateway itself, not through DCP's proxy: the proxy holds two file
    /// descriptors for each of the thousands of connections a burst holds open, and at 3,170
    /// requests a second it ran out of them (20,000, this machine's limit), refused every
    /// connection, and took the whole system down with it (harness run 2026-12-05 05:29 UTC; the same
    /// symptom failed CI at 9f3d3b7).
    /// </summary>
    public SystemOptions Requires => new() { Faults = "realistic", GatewayUnproxied = true };

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        Report(context, await MeasureAsync(context, cancellationToken));

    /// <summary>Finds the capacity and offers five times it: what the report tells, and the smoke test checks.</summary>
    internal static async Task<OverloadResult> MeasureAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromMilliseconds(500);
        var request = new ProfileRequest("concurrent", Fault: null, budget);
        var phase = context.Duration(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(3));
        var burstFor = context.Duration(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        await ClosedLoop.RunAsync("warm-up", client, request, 8, context.Count(500, 20), phase, cancellationToken);
        // The capacity: the most profiles a second answered with a 200, closed loop, over client
        // counts around the gateway's fan-outs at once (beyond them the extra clients only queue).
        var capacityRuns = new List<RunStats>();
        foreach (var clients in new[] { 8, 16, 32, 64 })
        {
            context.Log($"overload: capacity with {clients} clients");
            capacityRuns.Add(await ClosedLoop.RunAsync($"{clients} clients", client, request, clients, long.MaxValue, phase / 3, cancellationToken));
        }

        var capacity = Math.Max(1, capacityRuns.Max(run => run.Goodput));
        context.Log($"overload: capacity {capacity:0} profiles/s; offering {Overload}x for {burstFor.TotalSeconds:0} s");

        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromMilliseconds(250), cancellationToken);
        var clock = SteadyLoad.StartClock();
        var before = new SteadyLoad(context.System.Gateway, capacity / 2, () => request, TimeSpan.FromSeconds(30), cancellationToken, clock);
        await Task.Delay(phase, cancellationToken);
        var burst = new SteadyLoad(context.System.Gateway, capacity * Overload, () => request, TimeSpan.FromSeconds(30), cancellationToken, clock);
        var burstFrom = burst.Now;
        await before.StopAsync();
        await Task.Delay(burstFor, cancellationToken);
        var after = new SteadyLoad(context.System.Gateway, capacity / 2, () => request, TimeSpan.FromSeconds(30), cancellationToken, clock);
        var burstTo = after.Now;
        await burst.StopAsync();
        await Task.Delay(phase, cancellationToken);
        await after.StopAsync();
        await observation.StopAsync(cancellationToken);

        var result = new OverloadResult(capacity, burstFrom, burstTo, budget, before.Answers, burst.Answers, after.Answers, capacityRuns, observation);
        await before.DisposeAsync();
        await burst.DisposeAsync();
        await after.DisposeAsync();
        return result;
    }

    private ScenarioReport Report(ScenarioContext context, OverloadResult result)
    {
        var (capacityRun, observation) = (result.CapacityRuns.MaxBy(run => run.Goodput)!, result.Observation);
        var phases = new MarkdownTable("phase", "offered (req/s)", "requests", "200", "503", "503 with Retry-After", "other", "shed",
            "p50 of 503 (ms)", "p99 of 503 (ms)", "p99 of 200 at the client (ms)", "p99 of 200 in the gateway (ms)", "degraded 200s");
        foreach (var (name, offered, answers) in result.Phases)
        {
            var ok = answers.Where(answer => answer.IsOk).ToList();
            var shed = answers.Where(answer => answer.Status == 503).ToList();
            phases.Row(name, offered, answers.Count, ok.Count, shed.Count, shed.Count(answer => answer.HasRetryAfter), answers.Count - ok.Count - shed.Count,
                $"{shed.Count * 100.0 / Math.Max(1, answers.Count):0.0} %",
                Percentiles.Of(shed.Select(answer => answer.LatencyMs), 50), Percentiles.Of(shed.Select(answer => answer.LatencyMs), 99),
                Percentiles.Of(ok.Select(answer => answer.LatencyMs), 99), Percentiles.Of(ok.Select(answer => answer.GatewayElapsedMs ?? double.NaN), 99),
                $"{ok.Count(answer => answer.Degraded) * 100.0 / Math.Max(1, ok.Count):0.0} %");
        }

        var memory = observation.Runtime.Samples.Select(sample => (sample.Seconds, Mb: sample.Sample.WorkingSetBytes / 1_048_576.0)).ToList();
        var report = new ScenarioReport(Name)
            .Paragraph($"Fault profile `realistic`, no `x-fault` header, budget {result.Budget.TotalMilliseconds:0} ms, hedging on. "
                + $"Capacity: {result.Capacity:0} profiles/s, the most answered with a 200 by 8 to 64 clients in a closed loop (best: {capacityRun.Name}, {capacityRun.Count} requests, p99 {capacityRun.PercentileMs(99):0} ms, errors: {capacityRun.ErrorSummary()}). "
                + $"Then half of it, {Overload}x it for {result.BurstTo - result.BurstFrom:0} s, and half of it again (open loop). "
                + "Latency at the client counts from when a request was due, so it includes the wait for a turn in the admission queue; in the gateway, from admission.")
            .Table(Latencies.Table(result.CapacityRuns))
            .Table(phases)
            .Table(BurstBySecond(result))
            .Table(OverrunsBySecond(result))
            .Table(WhereTheLateOnesEnded(result))
            .Table(new MarkdownTable("after the burst", "seconds")
                .Row("until no request is refused", result.SecondsUntil(second => second.All(answer => answer.Status != 503)))
                .Row("until every answer is a 200 and the second's p99 is within the budget", result.SecondsUntil(second =>
                    second.All(answer => answer.IsOk) && Percentiles.Of(second.Select(answer => answer.LatencyMs), 99) <= result.Budget.TotalMilliseconds)))
            .Table(new MarkdownTable("gateway working set (MB)", "before the burst", "peak in the burst", "end")
                .Row("", memory.Where(sample => sample.Seconds < result.BurstFrom).Select(sample => sample.Mb).DefaultIfEmpty(double.NaN).Max(),
                    memory.Where(sample => result.InBurst(sample.Seconds)).Select(sample => sample.Mb).DefaultIfEmpty(double.NaN).Max(),
                    memory.Select(sample => sample.Mb).DefaultIfEmpty(double.NaN).Last()))
            .Table(observation.ProcessTable());
        report.Plots.Add(Plot(context, result, memory));
        return report;
    }

    /// <summary>
    /// How evenly the burst was shed: the requests due in each whole second of it, answered with a
    /// 200 and refused. Shedding at the rate the machine falls behind answers a steady share each
    /// second; a queue that misjudges its wait admits everyone until it is full, then refuses
    /// everyone while it drains.
    /// </summary>
    private static MarkdownTable BurstBySecond(OverloadResult result)
    {
        var seconds = result.Burst.GroupBy(answer => (int)Math.Floor(answer.DueSeconds))
            .Where(second => second.Key >= Math.Ceiling(result.BurstFrom) && second.Key + 1 <= result.BurstTo)
            .Select(second => (Ok: second.Count(answer => answer.IsOk), Shed: second.Count(answer => answer.Status == 503), All: second.Count()))
            .ToList();
        var okShares = seconds.Select(second => second.Ok * 100.0 / Math.Max(1, second.All)).ToList();
        return new MarkdownTable("the burst's whole seconds (by due time)", "seconds", "with no 200", "with no 503",
                "share answered with a 200: min", "p50", "max")
            .Row("", seconds.Count, seconds.Count(second => second.Ok == 0), seconds.Count(second => second.Shed == 0),
                $"{okShares.DefaultIfEmpty(double.NaN).Min():0.0} %", $"{Percentiles.Of(okShares, 50):0.0} %", $"{okShares.DefaultIfEmpty(double.NaN).Max():0.0} %");
    }

    /// <summary>
    /// When the admitted requests that answered after their budget were due: at the burst's start,
    /// while the admission limit is still the one the load before it set, or all through it.
    /// </summary>
    private static MarkdownTable OverrunsBySecond(OverloadResult result)
    {
        var late = result.Burst.Where(answer => answer.IsOk && answer.GatewayElapsedMs > result.Budget.TotalMilliseconds).ToList();
        var bySecond = late.GroupBy(answer => (int)Math.Floor(answer.DueSeconds - result.BurstFrom))
            .OrderBy(second => second.Key)
            .Select(second => $"{second.Key}: {second.Count()}");
        var reserve = result.Observation.Runtime.Samples
            .Where(sample => result.InBurst(sample.Seconds))
            .Select(sample => sample.Sample.StopLagMs).DefaultIfEmpty(double.NaN).Max();
        return new MarkdownTable("200s of the burst past the budget in the gateway", "of all 200s", "by the second of the burst they were due in (second: 200s)",
                "the reserve before its cap, at most in the burst (ms)")
            .Row(late.Count, $"{late.Count * 100.0 / Math.Max(1, result.Burst.Count(answer => answer.IsOk)):0.00} %", late.Count == 0 ? "none" : string.Join(", ", bySecond), reserve);
    }

    /// <summary>
    /// What the machine did in the seconds the burst's late 200s were answered in: the three with
    /// the most, beside the burst's mean second, with the gateway's GC pauses and each process's
    /// CPU. A second in which the gateway paused for its GC, or got less CPU than in the mean
    /// second while another process got more, says whose the stall was.
    /// </summary>
    private static MarkdownTable WhereTheLateOnesEnded(OverloadResult result)
    {
        var processes = result.Observation.Processes;
        var table = new MarkdownTable(["second of the run", "late 200s answered in it", "gateway GC pauses (ms)", .. processes.Resources.Select(resource => $"{resource} CPU (ms)")]);
        var worst = result.Burst.Where(answer => answer.IsOk && answer.GatewayElapsedMs > result.Budget.TotalMilliseconds)
            .GroupBy(answer => (int)Math.Floor(answer.DueSeconds + (answer.LatencyMs / 1000)))
            .OrderByDescending(second => second.Count())
            .Take(3);
        foreach (var second in worst.OrderBy(second => second.Key))
        {
            table.Row([second.Key, second.Count(), .. Usage(second.Key, second.Key + 1)]);
        }

        table.Row(["the burst's mean second", "", .. Usage(result.BurstFrom, result.BurstTo)]);
        return table;

        object[] Usage(double from, double to)
        {
            var (seconds, cpu) = processes.CpuBetween(from, to);
            var (pausedOver, pauseMs) = result.Observation.Runtime.GcPausesBetween(from, to);
            return [pauseMs / Math.Max(0.001, pausedOver), .. processes.Resources.Select(resource => (object)(cpu.GetValueOrDefault(resource).TotalMilliseconds / Math.Max(0.001, seconds)))];
        }
    }

    private string Plot(ScenarioContext context, OverloadResult result, List<(double Seconds, double Mb)> memory)
    {
        var all = result.Phases.SelectMany(phase => phase.Answers).GroupBy(answer => (int)Math.Floor(answer.DueSeconds)).OrderBy(group => group.Key).ToList();
        var x = all.Select(group => (double)group.Key).ToArray();
        var rates = Plots.NewPlot($"overload: {Overload}x the capacity of {result.Capacity.ToString("0", CultureInfo.InvariantCulture)} profiles/s", "seconds", "requests per second (by due time)");
        rates.Add.Scatter(x, all.Select(group => (double)group.Count(answer => answer.IsOk)).ToArray()).LegendText = "200";
        rates.Add.Scatter(x, all.Select(group => (double)group.Count(answer => answer.Status == 503)).ToArray()).LegendText = "503 (shed)";
        rates.Add.VerticalLine(result.BurstFrom).Text = "burst";
        rates.Add.VerticalLine(result.BurstTo).Text = "end";
        rates.ShowLegend(ScottPlot.Alignment.UpperRight);
        var admission = Plots.NewPlot("the gateway's admission", "seconds", "fan-outs at once (limit) / requests queued");
        var samples = result.Observation.Runtime.Samples;
        admission.Add.Scatter(samples.Select(sample => sample.Seconds).ToArray(), samples.Select(sample => (double)sample.Sample.AdmissionLimit).ToArray()).LegendText = "limit";
        admission.Add.Scatter(samples.Select(sample => sample.Seconds).ToArray(), samples.Select(sample => (double)sample.Sample.AdmissionQueued).ToArray()).LegendText = "queued";
        admission.ShowLegend(ScottPlot.Alignment.UpperRight);
        var reserve = Plots.NewPlot("the time kept back from the parts to answer in", "seconds", "the reserve before its cap (ms)");
        reserve.Add.Scatter(samples.Select(sample => sample.Seconds).ToArray(), samples.Select(sample => sample.Sample.StopLagMs).ToArray());
        reserve.Add.VerticalLine(result.BurstFrom).Text = "burst";
        reserve.Add.VerticalLine(result.BurstTo).Text = "end";
        var workingSet = Plots.NewPlot("the gateway's working set", "seconds", "MB");
        workingSet.Add.Scatter(memory.Select(sample => sample.Seconds).ToArray(), memory.Select(sample => sample.Mb).ToArray());
        return Plots.Stacked(context.PlotPath(Name), rates, admission, reserve, workingSet);
    }
}
