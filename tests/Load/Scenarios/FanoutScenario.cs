using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Fan-out efficiency: the six parts other than presence answer in a fixed 50 ms, presence at
/// once; one client, so each request has the system to itself. Sequential pays the sum of the
/// parts, concurrent only the slowest: docs/architecture.md wants concurrent p50 within 3 ms of 50 ms and
/// sequential/concurrent >= 5.5. `activity` streams one post, so that it too answers in its
/// injected 50 ms; each further post is its stream's own pacing, not the fan-out's, and a last
/// run with the default five posts shows what that pacing costs. `views` stores its view after
/// its latency, so it decides most profiles; a run with `views` at 0 ms shows the fan-out over
/// the five gRPC parts alone, and one with every part at 0 ms what a profile costs with no
/// latency to wait out: the floor under the fan-out's overhead.
/// </summary>
public sealed class FanoutScenario : IScenario
{
    public const string Fault = "*=latency:50ms; presence=latency:0ms";

    private const string ViewsAtOnce = Fault + "; views=latency:0ms";

    private const string AllAtOnce = "*=latency:0ms";

    public string Name => "fanout";

    /// <summary>Without DCP's proxies, so that what is measured beyond the slowest part is the fan-out's, not a development-time hop's.</summary>
    public SystemOptions Requires => new() { GatewayUnproxied = true, BackendsUnproxied = true };

    public string Description => "six parts at 50 ms, presence at 0; one client; sequential against concurrent";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        // Hedging off: a fixed latency leaves nothing to hedge, and a hedge would only add calls.
        var sequential = new ProfileRequest("sequential", Fault, TimeSpan.FromSeconds(5), Hedging: false, Posts: 1);
        var concurrent = sequential with { Mode = "concurrent" };
        var fivePosts = concurrent with { Posts = null };
        var viewsAtOnce = concurrent with { Fault = ViewsAtOnce };
        var allAtOnce = concurrent with { Fault = AllAtOnce };
        var deadline = context.Duration(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10));

        // Warm both paths (JIT, connections, grain activations) before anything is recorded.
        await ClosedLoop.RunAsync("warm-up", client, sequential, 1, context.Count(20, 2), deadline, cancellationToken);
        await ClosedLoop.RunAsync("warm-up", client, concurrent, 1, context.Count(50, 2), deadline, cancellationToken);

        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromMilliseconds(250), cancellationToken);
        context.Log("fanout: sequential");
        var sequentialRun = await ClosedLoop.RunAsync("sequential", client, sequential, 1, context.Count(200, 3), deadline, cancellationToken);
        context.Log("fanout: concurrent");
        var concurrentRun = await ClosedLoop.RunAsync("concurrent", client, concurrent, 1, context.Count(1000, 3), deadline, cancellationToken);
        context.Log("fanout: concurrent, five posts");
        var fivePostsRun = await ClosedLoop.RunAsync("concurrent, five posts", client, fivePosts, 1, context.Count(300, 3), deadline, cancellationToken);
        context.Log("fanout: concurrent, views at 0 ms");
        var viewsAtOnceRun = await ClosedLoop.RunAsync("concurrent, views at 0 ms", client, viewsAtOnce, 1, context.Count(1000, 3), deadline, cancellationToken);
        context.Log("fanout: concurrent, every part at 0 ms");
        var allAtOnceRun = await ClosedLoop.RunAsync("concurrent, every part at 0 ms", client, allAtOnce, 1, context.Count(1000, 3), deadline, cancellationToken);
        await observation.StopAsync(cancellationToken);

        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}`, budget 5 s, hedging off, 1 client (closed loop), after a warm-up; `activity` streams "
                + "one post (`posts=1`), except in the five-post run, which takes the gateway's default five (four paced posts more); "
                + "the last two answer `views`, then every part, at once (`views=latency:0ms`, `*=latency:0ms`).")
            .Table(Latencies.Table([sequentialRun, concurrentRun, fivePostsRun, viewsAtOnceRun, allAtOnceRun]))
            .Table(new MarkdownTable("", "p50", "p99")
                .Row("sequential / concurrent", sequentialRun.PercentileMs(50) / concurrentRun.PercentileMs(50), sequentialRun.PercentileMs(99) / concurrentRun.PercentileMs(99))
                .Row("concurrent − 50 ms (ms)", concurrentRun.PercentileMs(50) - 50, concurrentRun.PercentileMs(99) - 50)
                .Row("concurrent, views at 0 ms − 50 ms (ms)", viewsAtOnceRun.PercentileMs(50) - 50, viewsAtOnceRun.PercentileMs(99) - 50))
            .Table(Latencies.CriticalParts([concurrentRun, fivePostsRun, viewsAtOnceRun, allAtOnceRun]))
            .Table(observation.ProcessTable())
            .Table(observation.WorkTable());
        report.Plots.Add(Plots.LatencyDistribution(context.PlotPath(Name), "fan-out: six parts at 50 ms, one client",
            [("sequential", sequentialRun.Latency), ("concurrent", concurrentRun.Latency)]));
        return report;
    }
}
