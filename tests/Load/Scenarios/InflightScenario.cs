using System.Globalization;
using System.Net.Http.Json;
using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Many requests in flight at once: 10,000 requests arrive within a ramp shorter than the 2 s the
/// backends take, so all of them are waiting together. docs/architecture.md wants every one to complete
/// without error, and the gateway's memory per request in flight stated: an awaiting request
/// costs its state machines and buffers, not a thread.
/// </summary>
public sealed class InflightScenario : IScenario
{
    public const string Fault = "*=latency:2s; presence=latency:0ms";

    public string Name => "inflight";

    public string Description => "ramp to 10,000 requests in flight with 2 s backends; completed, errors, memory per request in flight";

    /// <summary>The burst is held whole, most of it in the admission queue for tens of seconds.</summary>
    public SystemOptions Requires => Unshed.System;

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(60));
        var request = new ProfileRequest("concurrent", Fault, TimeSpan.FromSeconds(10), Hedging: false);
        var requests = context.Count(10_000, 5);
        var ramp = context.Duration(TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(100));

        await ClosedLoop.RunAsync("warm-up", client, request with { Fault = "*=latency:1ms" }, 8, context.Count(200, 8), TimeSpan.FromSeconds(30), cancellationToken);
        // The baseline is the warmed-up gateway at rest: what the requests in flight add is measured against it.
        var baseline = await context.Diagnostics.GetFromJsonAsync<RuntimeSample>(new Uri(context.System.Gateway, "/diagnostics/runtime"), cancellationToken);

        long outstanding = 0;
        long peakOutstanding = 0;
        long peakBackend = 0;
        var timeline = new List<(double Seconds, long Client, long Backend, double GatewayMb)>();
        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromMilliseconds(100), cancellationToken);
        await using (new Sampling(TimeSpan.FromMilliseconds(100), async at =>
        {
            var work = await context.System.WorkAsync(cancellationToken);
            var backend = work.GetValueOrDefault("members")?.InFlight ?? 0;
            peakBackend = Math.Max(peakBackend, backend);
            var gateway = observation.Runtime.Samples.Count == 0 ? 0 : observation.Runtime.Samples[^1].Sample.WorkingSetBytes / 1_048_576.0;
            lock (timeline)
            {
                timeline.Add((at.TotalSeconds, Interlocked.Read(ref outstanding), backend, gateway));
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

    private ScenarioReport Report(
        ScenarioContext context, RunStats run, RuntimeSample? baseline, Observation observation, long peakClient, long peakBackend,
        List<(double Seconds, long Client, long Backend, double GatewayMb)> timeline, TimeSpan ramp)
    {
        var peakWorkingSet = observation.Processes.PeakWorkingSet.GetValueOrDefault("gateway", observation.Runtime.Peak(sample => sample.WorkingSetBytes)?.WorkingSetBytes ?? 0);
        var peakHeap = observation.Runtime.Peak(sample => sample.GcHeapBytes)?.GcHeapBytes ?? 0;
        // Every request the client has in flight is held by the gateway, fanning out or waiting for a turn.
        var inFlight = Math.Max(1, peakClient);
        var perRequestWorkingSet = baseline is null ? double.NaN : (peakWorkingSet - baseline.WorkingSetBytes) / (double)inFlight / 1024;
        var perRequestHeap = baseline is null ? double.NaN : (peakHeap - baseline.GcHeapBytes) / (double)inFlight / 1024;

        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}`, budget 10 s, hedging off; {run.Count} requests arriving at a fixed rate over {ramp.TotalSeconds:0.0} s (open loop); "
                + "latency counted from each request's due time, so it includes the wait for a turn in the gateway's admission queue.")
            .Table(new MarkdownTable("requests", "completed (200)", "errors by status", "peak in flight (client)", "peak calls at members (fan-outs at once)", "p50 (ms)", "p99 (ms)", "max (ms)")
                .Row(run.Count, run.ByStatus.GetValueOrDefault(200), run.ErrorSummary(), peakClient, peakBackend, run.PercentileMs(50), run.PercentileMs(99), run.MaxMs))
            .Table(new MarkdownTable("gateway memory", "idle", "peak", "per request in flight at the client (KB)")
                .Row("working set (MB)", Mb(baseline?.WorkingSetBytes), Mb(peakWorkingSet), perRequestWorkingSet)
                .Row("GC heap (MB)", Mb(baseline?.GcHeapBytes), Mb(peakHeap), perRequestHeap))
            .Table(observation.ProcessTable())
            .Table(observation.WorkTable());

        var inFlightPlot = Plots.NewPlot($"{run.Count.ToString("N0", CultureInfo.InvariantCulture)} requests, 2 s backends: in flight over time", "seconds", "requests in flight");
        var clientLine = inFlightPlot.Add.Scatter(timeline.Select(t => t.Seconds).ToArray(), timeline.Select(t => (double)t.Client).ToArray());
        clientLine.LegendText = "in flight at the client";
        var backendLine = inFlightPlot.Add.Scatter(timeline.Select(t => t.Seconds).ToArray(), timeline.Select(t => (double)t.Backend).ToArray());
        backendLine.LegendText = "in flight at the members backend";
        inFlightPlot.ShowLegend(ScottPlot.Alignment.UpperRight);
        var memoryPlot = Plots.NewPlot("the gateway's working set", "seconds", "MB");
        memoryPlot.Add.Scatter(timeline.Select(t => t.Seconds).ToArray(), timeline.Select(t => t.GatewayMb).ToArray());
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
