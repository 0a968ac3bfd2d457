using System.Globalization;
using System.Net.Http.Json;
using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// C10K inside the gateway: 10,000 requests arrive within a ramp shorter than the 5 s the backends
/// take, and the admission limit is fixed at 10,000, so that every one is admitted and fanning out
/// together rather than waiting for a turn. Reports how many fan-outs the gateway itself counted at
/// once, how far their latency is from the backends' 5 s, and the gateway's memory per request in
/// flight: an awaiting request costs its state machines, calls and buffers, not a thread.
/// </summary>
public sealed class InflightScenario : IScenario
{
    private const int Requests = 10_000;

    private static readonly TimeSpan Backends = TimeSpan.FromSeconds(5);

    private static readonly string Fault = $"*=latency:{Backends.TotalSeconds}s; presence=latency:0ms";

    public string Name => "inflight";

    public string Description => "ramp to 10,000 requests in flight with 5 s backends, all admitted at once; fan-outs at once in the gateway, latency, memory per request in flight";

    /// <summary>
    /// Every request admitted on arrival; should the machine fall behind, a queue that may stand for
    /// minutes rather than shed. The clients connect to the gateway itself: through DCP's proxy,
    /// ten thousand connections took the proxy past its limit of open files.
    /// </summary>
    public SystemOptions Requires { get; } = new()
    {
        GatewayUnproxied = true,
        GatewaySettings = new Dictionary<string, string>
        {
            ["Admission:InitialConcurrentFanOuts"] = $"{Requests}",
            ["Admission:MinConcurrentFanOuts"] = $"{Requests}",
            ["Admission:MaxConcurrentFanOuts"] = $"{Requests}",
            ["Admission:MaxQueueWait"] = "00:02:00",
        },
    };

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(60));
        var request = new ProfileRequest("concurrent", Fault, TimeSpan.FromSeconds(10), Hedging: false);
        var requests = context.Count(Requests, 5);
        var ramp = context.Duration(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(100));

        await ClosedLoop.RunAsync("warm-up", client, request with { Fault = "*=latency:1ms" }, 8, context.Count(200, 8), TimeSpan.FromSeconds(30), cancellationToken);
        // The baseline is the warmed-up gateway at rest: what the requests in flight add is measured against it.
        var baseline = await context.Diagnostics.GetFromJsonAsync<RuntimeSample>(new Uri(context.System.Gateway, "/diagnostics/runtime"), cancellationToken);

        long outstanding = 0;
        long peakOutstanding = 0;
        long peakBackend = 0;
        var timeline = new List<Moment>();
        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromMilliseconds(100), cancellationToken);
        await using (new Sampling(TimeSpan.FromMilliseconds(100), async at =>
        {
            var work = await context.System.WorkAsync(cancellationToken);
            var backend = work.GetValueOrDefault("members")?.InFlight ?? 0;
            peakBackend = Math.Max(peakBackend, backend);
            var gateway = observation.Runtime.Latest();
            lock (timeline)
            {
                timeline.Add(new Moment(at.TotalSeconds, Interlocked.Read(ref outstanding), gateway?.AdmissionInFlight ?? 0, backend, (gateway?.WorkingSetBytes ?? 0) / 1_048_576.0));
            }
        }))
        {
            context.Log($"inflight: {requests} requests over {ramp.TotalSeconds:0.0} s");
            var run = await OpenLoop.RunAsync("in flight", client, request, requests / ramp.TotalSeconds, requests, ramp, cancellationToken,
                onInFlightChanged: now =>
                {
                    Interlocked.Exchange(ref outstanding, now);
                    InterlockedMax(ref peakOutstanding, now);
                });
            await observation.StopAsync(cancellationToken);
            return Report(context, run, baseline, observation, Interlocked.Read(ref peakOutstanding), peakBackend, timeline, ramp);
        }
    }

    /// <summary>One sample of the run: requests in flight at the client, fan-outs in the gateway, calls at <c>members</c>, the gateway's working set.</summary>
    private sealed record Moment(double Seconds, long Client, long FanOuts, long Backend, double GatewayMb);

    private ScenarioReport Report(
        ScenarioContext context, RunStats run, RuntimeSample? baseline, Observation observation, long peakClient, long peakBackend, List<Moment> timeline, TimeSpan ramp)
    {
        var peakWorkingSet = observation.Processes.PeakWorkingSet.GetValueOrDefault("gateway", observation.Runtime.Peak(sample => sample.WorkingSetBytes)?.WorkingSetBytes ?? 0);
        var peakHeap = observation.Runtime.Peak(sample => sample.GcHeapBytes)?.GcHeapBytes ?? 0;
        var peakFanOuts = observation.Runtime.Peak(sample => sample.AdmissionInFlight)?.AdmissionInFlight ?? 0;
        // Every request the client has in flight is held by the gateway, fanning out or waiting for a turn.
        var inFlight = Math.Max(1, peakClient);
        var perRequestWorkingSet = baseline is null ? double.NaN : (peakWorkingSet - baseline.WorkingSetBytes) / (double)inFlight / 1024;
        var perRequestHeap = baseline is null ? double.NaN : (peakHeap - baseline.GcHeapBytes) / (double)inFlight / 1024;
        var p50OverBackends = (run.PercentileMs(50) - Backends.TotalMilliseconds) / Backends.TotalMilliseconds * 100;

        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}`, budget 10 s, hedging off, the admission limit fixed at {Requests:N0}; {run.Count} requests arriving at a fixed rate over {ramp.TotalSeconds:0.0} s (open loop); "
                + "latency counted from each request's due time, so it includes any wait for a turn in the gateway's admission queue. "
                + $"Fan-outs at once: the gateway's own count of admitted fan-outs not yet ended (`/diagnostics/runtime`, asked every 100 ms; it answered {observation.Runtime.Samples.Count} of {observation.Runtime.Asked} within 1 s, "
                + "and a gateway too busy to answer shows the last count it gave).")
            .Table(new MarkdownTable(
                    "requests", "completed (200)", "errors by status", "peak in flight (client)", "peak fan-outs at once (gateway)", "peak calls at members",
                    "p50 (ms)", "p50 over the backends' 5 s (%)", "p99 (ms)", "max (ms)")
                .Row(run.Count, run.ByStatus.GetValueOrDefault(200), run.ErrorSummary(), peakClient, peakFanOuts, peakBackend,
                    run.PercentileMs(50), p50OverBackends, run.PercentileMs(99), run.MaxMs))
            .Table(new MarkdownTable("gateway memory", "idle", "peak", "per request in flight at the client (KB)")
                .Row("working set (MB)", Mb(baseline?.WorkingSetBytes), Mb(peakWorkingSet), perRequestWorkingSet)
                .Row("GC heap (MB)", Mb(baseline?.GcHeapBytes), Mb(peakHeap), perRequestHeap))
            .Table(observation.ProcessTable())
            .Table(observation.WorkTable());

        var seconds = timeline.Select(moment => moment.Seconds).ToArray();
        var inFlightPlot = Plots.NewPlot($"{run.Count.ToString("N0", CultureInfo.InvariantCulture)} requests, 5 s backends: in flight over time", "seconds", "requests in flight");
        inFlightPlot.Add.Scatter(seconds, timeline.Select(moment => (double)moment.Client).ToArray()).LegendText = "in flight at the client";
        inFlightPlot.Add.Scatter(seconds, timeline.Select(moment => (double)moment.FanOuts).ToArray()).LegendText = "fanning out in the gateway";
        inFlightPlot.Add.Scatter(seconds, timeline.Select(moment => (double)moment.Backend).ToArray()).LegendText = "in flight at the members backend";
        inFlightPlot.ShowLegend(ScottPlot.Alignment.UpperRight);
        var memoryPlot = Plots.NewPlot("the gateway's working set", "seconds", "MB");
        memoryPlot.Add.Scatter(seconds, timeline.Select(moment => moment.GatewayMb).ToArray());
        report.Plots.Add(Plots.Stacked(context.PlotPath(Name), inFlightPlot, memoryPlot));
        return report;
    }

    private static double Mb(long? bytes) => bytes is { } value ? value / 1_048_576.0 : double.NaN;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
