using System.Globalization;
using System.Net.Http.Json;
using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// C10K inside the gateway: 10,000 requests held by the gateway at once, each fanning out and
/// waiting on its backends, with the admission limit fixed at 10,000 so that none waits for a turn.
/// How many are held at once is Little's law: the arrival rate times how long each is held. The
/// rate cannot exceed what the machine can start and finish (measured on 2026-12-03 at 105
/// profiles/s on two cores); 10,000 arriving within a few seconds outran it twentyfold, every
/// request missed its deadline behind the others, and none was answered. So the requests arrive at
/// half the throughput measured just before, and the backends hold each one for longer than the
/// ramp lasts: the first is still waiting when the last arrives. Reports how many fan-outs the
/// gateway itself counted at once, how far their latency is from the backends' hold, and the
/// gateway's memory per request in flight: an awaiting request costs its state machines, calls and
/// buffers, not a thread.
/// </summary>
public sealed class InflightScenario : IScenario
{
    private const int Requests = 10_000;

    /// <summary>The longest ramp: beyond it, the requests arrive faster than half the measured throughput.</summary>
    private static readonly TimeSpan LongestRamp = TimeSpan.FromMinutes(4);

    /// <summary>Large enough for any budget this scenario asks; the gateway's default stops at 10 s.</summary>
    private static readonly TimeSpan MaxBudget = TimeSpan.FromMinutes(10);

    public string Name => "inflight";

    public string Description => "10,000 requests held in the gateway at once, arriving at half the measured throughput, all admitted; fan-outs at once in the gateway, latency over the backends' hold, memory per request in flight";

    /// <summary>
    /// Every request admitted on arrival, and budgets of minutes allowed. The clients connect to the
    /// gateway itself: through DCP's proxy, ten thousand connections took the proxy past its limit
    /// of open files.
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
            ["FanOut:MaxBudget"] = MaxBudget.ToString("c", CultureInfo.InvariantCulture),
        },
    };

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var requests = context.Count(Requests, 5);
        var margin = context.Duration(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));
        var instant = new ProfileRequest("concurrent", "*=latency:0ms", TimeSpan.FromSeconds(10), Hedging: false);
        RunStats capacity;
        using (var probe = context.CreateClient(TimeSpan.FromSeconds(60)))
        {
            await ClosedLoop.RunAsync("warm-up", probe, instant with { Fault = "*=latency:1ms" }, 8, context.Count(200, 8), TimeSpan.FromSeconds(30), cancellationToken);
            capacity = await ClosedLoop.RunAsync("capacity", probe, instant, 32, long.MaxValue, context.Duration(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), cancellationToken);
        }

        var plan = Plan.For(requests, capacity.Goodput, context.Duration(LongestRamp, TimeSpan.FromSeconds(1)), margin);
        context.Log($"inflight: {capacity.Goodput:0.#} profiles/s measured; {requests} requests over {plan.Ramp.TotalSeconds:0.0} s, each held {plan.Hold.TotalSeconds:0.0} s, budget {plan.Budget.TotalSeconds:0.0} s");
        using var client = context.CreateClient(plan.Budget + TimeSpan.FromMinutes(1));
        var request = new ProfileRequest("concurrent", plan.Fault, plan.Budget, Hedging: false);
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
            var run = await OpenLoop.RunAsync("in flight", client, request, plan.Rate, requests, plan.Ramp, cancellationToken,
                onInFlightChanged: now =>
                {
                    Interlocked.Exchange(ref outstanding, now);
                    InterlockedMax(ref peakOutstanding, now);
                });
            await observation.StopAsync(cancellationToken);
            return Report(context, run, capacity, plan, baseline, observation, Interlocked.Read(ref peakOutstanding), peakBackend, timeline);
        }
    }

    /// <summary>
    /// The run's shape, from the throughput just measured: requests arrive at half of it (never
    /// taking longer than <c>longestRamp</c>), and each is held longer than the ramp lasts. The grains
    /// answer at once: Orleans ends a grain call after its response timeout (30 s by default),
    /// so the five gRPC backends hold the fan-out.
    /// </summary>
    private sealed record Plan(double Rate, TimeSpan Ramp, TimeSpan Hold, TimeSpan Budget)
    {
        public string Fault => string.Create(CultureInfo.InvariantCulture, $"*=latency:{Hold.TotalMilliseconds:0}ms; presence=latency:0ms; views=latency:0ms");

        public static Plan For(int requests, double throughput, TimeSpan longestRamp, TimeSpan margin)
        {
            var ramp = TimeSpan.FromSeconds(Math.Min(requests / Math.Max(throughput / 2, 1), longestRamp.TotalSeconds));
            var hold = ramp * 1.25 + margin;
            // The gateway keeps up to a fifth of the budget back to answer in (FanOut:MaxReserveShare).
            var budget = hold * 1.5 + margin;
            return new Plan(requests / ramp.TotalSeconds, ramp, hold, TimeSpan.FromMilliseconds(Math.Ceiling(budget.TotalMilliseconds)));
        }
    }

    /// <summary>One sample of the run: requests in flight at the client, fan-outs in the gateway, calls at <c>members</c>, the gateway's working set.</summary>
    private sealed record Moment(double Seconds, long Client, long FanOuts, long Backend, double GatewayMb);

    private ScenarioReport Report(
        ScenarioContext context, RunStats run, RunStats capacity, Plan plan, RuntimeSample? baseline, Observation observation, long peakClient, long peakBackend, List<Moment> timeline)
    {
        var peakWorkingSet = observation.Processes.PeakWorkingSet.GetValueOrDefault("gateway", observation.Runtime.Peak(sample => sample.WorkingSetBytes)?.WorkingSetBytes ?? 0);
        var peakHeap = observation.Runtime.Peak(sample => sample.GcHeapBytes)?.GcHeapBytes ?? 0;
        // Memory per request is read while the most were held, not at the peak: the working set goes
        // on growing as the answers are written and the garbage waits for a collection.
        var held = observation.Runtime.LastAtPeak(sample => sample.AdmissionInFlight);
        var peakFanOuts = held?.AdmissionInFlight ?? 0;
        var p50OverHold = (run.PercentileMs(50) - plan.Hold.TotalMilliseconds) / plan.Hold.TotalMilliseconds * 100;

        var report = new ScenarioReport(Name)
            .Paragraph($"First the throughput: 32 clients (closed loop) for {capacity.Elapsed.TotalSeconds:0} s, every part at 0 ms. Then {run.Count} requests arriving at a fixed rate, half that throughput (open loop), "
                + $"`x-fault: {plan.Fault}`, budget {plan.Budget.TotalSeconds:0.#} s, hedging off, the admission limit fixed at {Requests:N0}; "
                + "latency counted from each request's due time, so it includes any wait for a turn in the gateway's admission queue. "
                + $"Fan-outs at once: the gateway's own count of admitted fan-outs not yet ended (`/diagnostics/runtime`, asked every 100 ms; it answered {observation.Runtime.Samples.Count} of {observation.Runtime.Asked} within 1 s, "
                + "and a gateway too busy to answer shows the last count it gave).")
            .Table(new MarkdownTable("throughput measured (profiles/s)", "arrivals (requests/s)", "ramp (s)", "each held by the backends (s)", "budget (s)")
                .Row(capacity.Goodput, plan.Rate, plan.Ramp.TotalSeconds, plan.Hold.TotalSeconds, plan.Budget.TotalSeconds))
            .Table(new MarkdownTable(
                    "requests", "completed (200)", "errors by status", "peak in flight (client)", "peak fan-outs at once (gateway)", "peak calls at members",
                    "p50 (ms)", "p50 over the hold (%)", "p99 (ms)", "max (ms)")
                .Row(run.Count, run.ByStatus.GetValueOrDefault(200), run.ErrorSummary(), peakClient, peakFanOuts, peakBackend,
                    run.PercentileMs(50), p50OverHold, run.PercentileMs(99), run.MaxMs))
            .Table(new MarkdownTable("gateway memory", "idle", "while the most were held", "peak", "per request held (KB)")
                .Row("working set (MB)", Mb(baseline?.WorkingSetBytes), Mb(held?.WorkingSetBytes), Mb(peakWorkingSet), PerRequestKb(baseline?.WorkingSetBytes, held?.WorkingSetBytes, peakFanOuts))
                .Row("GC heap (MB)", Mb(baseline?.GcHeapBytes), Mb(held?.GcHeapBytes), Mb(peakHeap), PerRequestKb(baseline?.GcHeapBytes, held?.GcHeapBytes, peakFanOuts)))
            .Table(observation.ProcessTable())
            .Table(observation.WorkTable());

        var seconds = timeline.Select(moment => moment.Seconds).ToArray();
        var inFlightPlot = Plots.NewPlot($"{run.Count.ToString("N0", CultureInfo.InvariantCulture)} requests, each held {plan.Hold.TotalSeconds:0} s: in flight over time", "seconds", "requests in flight");
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

    private static double PerRequestKb(long? idle, long? held, long requests) =>
        idle is { } before && held is { } during && requests > 0 ? (during - before) / (double)requests / 1024 : double.NaN;

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
