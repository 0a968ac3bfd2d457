using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Peers;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// LinkedIn's comparison run side by side, in one run on the same backends: our gateway's
/// concurrent mode, its blocking mode (the thread-per-request servlets LinkedIn left) and a
/// Node.js peer (LinkedIn's choice) doing the same concurrent fan-out over the five gRPC backends.
/// For each: throughput at 32 and 1,000 clients with every part at 0 ms (the <c>cost</c> load),
/// CPU per profile at 32 clients, and p50 with six parts at 50 ms, one client. The peer cannot
/// call grains, so it does five parts of seven.
/// </summary>
public sealed class PeersScenario : IScenario
{
    public const string NodePeerProcess = "Node.js peer";

    /// <summary>The processes every front shares: the backends, the silo and Redis, without the gateway.</summary>
    private static readonly string[] Behind = [.. CostScenario.SystemProcesses.Where(process => process != "gateway")];

    public string Name => "peers";

    public string Description => "our gateway (concurrent, blocking) against a Node.js peer on the same backends: throughput at 32 and 1,000 clients, p50 at 50 ms parts, CPU per profile";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (context.System.System is not { } system)
        {
            throw new InvalidOperationException("The peers scenario starts the Node.js peer against the system's own backends: run it without --url so that it starts the system.");
        }

        await using var peer = await NodePeer.StartAsync(system, context.Log, cancellationToken);
        var processes = CostedProcesses.Of(context.System);
        processes[NodePeerProcess] = [peer.ProcessId];

        // Blocking last: the threads it makes the gateway's pool add would flatter whatever ran after it.
        Front[] fronts =
        [
            new("gateway, concurrent", "concurrent", context.System.Gateway, "concurrent", "7 of 7", "gateway"),
            new("Node.js peer", "Node.js", peer.Url, "concurrent", "5 of 7 (no grains)", NodePeerProcess),
            new("gateway, blocking", "blocking", context.System.Gateway, "blocking", "7 of 7", "gateway"),
        ];
        var few = context.Count(32, 2);
        var many = context.Count(1_000, 4);
        var phase = context.Duration(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        var results = new List<FrontResult>();
        foreach (var front in fronts)
        {
            results.Add(await MeasureAsync(context, front, processes, few, many, phase, cancellationToken));
        }

        return Report(context, results, few, many, phase);
    }

    private static async Task<FrontResult> MeasureAsync(
        ScenarioContext context, Front front, IReadOnlyDictionary<string, int[]> processes, int few, int many, TimeSpan phase, CancellationToken cancellationToken)
    {
        using var client = new LoadClient(front.Url, TimeSpan.FromSeconds(30));
        var load = CostScenario.Request(front.Mode);
        var fanout = new ProfileRequest(front.Mode, FanoutScenario.Fault, TimeSpan.FromSeconds(5), Hedging: false, Posts: 1);

        context.Log($"peers: {front.Name}, warm-up");
        await ClosedLoop.RunAsync("warm-up", client, load, few, context.Count(3_000, 20), context.Duration(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1)), cancellationToken);
        // The lightest load first and the heaviest last: a mode that fails under 1,000 clients opens
        // its breakers, and what ran after it would measure them.
        context.Log($"peers: {front.Name}, six parts at 50 ms, 1 client");
        var deadline = context.Duration(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10));
        await ClosedLoop.RunAsync("warm-up", client, fanout, 1, context.Count(20, 2), deadline, cancellationToken);
        var fanoutRun = await ClosedLoop.RunAsync($"{front.Name}, six parts at 50 ms", client, fanout, 1, context.Count(200, 3), deadline, cancellationToken);
        context.Log($"peers: {front.Name}, {few} clients");
        var meter = await CostMeter.StartAsync(context.System, context.Diagnostics, processes, cancellationToken);
        var fewRun = await ClosedLoop.RunAsync($"{front.Name}, {few} clients", client, load, few, long.MaxValue, phase, cancellationToken);
        var cost = await meter.StopAsync(cancellationToken);
        context.Log($"peers: {front.Name}, {many} clients");
        var manyRun = await ClosedLoop.RunAsync($"{front.Name}, {many} clients", client, load, many, long.MaxValue, phase, cancellationToken);
        return new FrontResult(front, fewRun, manyRun, fanoutRun, cost);
    }

    private ScenarioReport Report(ScenarioContext context, List<FrontResult> results, int few, int many, TimeSpan phase)
    {
        var comparison = new MarkdownTable(
            "front", "parts", $"profiles/s, {few} clients", $"profiles/s, {many} clients", "p50, six parts at 50 ms (ms)",
            "front CPU per profile (ms)", "backends, silo, Redis CPU per profile (ms)", "DCP proxies CPU per profile (ms)", "backend calls per profile", "answers other than 200 (all three runs)");
        foreach (var result in results)
        {
            var profiles = result.Few.ByStatus.GetValueOrDefault(200);
            comparison.Row(
                result.Front.Name, result.Front.Parts, result.Few.Goodput, result.Many.Goodput, result.Fanout.PercentileMs(50),
                result.Cost.MsPerProfile(profiles, result.Front.Process), result.Cost.MsPerProfile(profiles, Behind),
                result.Cost.MsPerProfile(profiles, CostedProcesses.Dcp), result.Cost.BackendCalls / (double)Math.Max(1, profiles),
                result.Few.Errors + result.Many.Errors + result.Fanout.Errors);
        }

        var concurrent = results[0];
        var ratios = new MarkdownTable("ratio", $"profiles/s, {few} clients", $"profiles/s, {many} clients", "p50, six parts at 50 ms", "front CPU per profile");
        foreach (var other in results.Skip(1))
        {
            ratios.Row(
                $"gateway, concurrent ÷ {other.Front.Name}",
                Ratio(concurrent.Few.Goodput, other.Few.Goodput),
                Ratio(concurrent.Many.Goodput, other.Many.Goodput),
                Ratio(concurrent.Fanout.PercentileMs(50), other.Fanout.PercentileMs(50)),
                Ratio(FrontMs(concurrent), FrontMs(other)));
        }

        var report = new ScenarioReport(Name)
            .Paragraph($"One run, the same backends: throughput with the `cost` load (`x-fault: {CostScenario.Fault}`, `posts=1`, member ids over 5,000, budget {CostScenario.Budget.TotalSeconds:0} s), "
                + $"closed loop, {phase.TotalSeconds:0} s at {few} and then at {many} clients, after a warm-up; CPU per answered profile over the {few}-client run, from /proc; "
                + $"p50 with `x-fault: {FanoutScenario.Fault}`, hedging off, 1 client. The Node.js peer (`tests/Load/Peers/node`, `@grpc/grpc-js`) does **five parts of seven**: "
                + "it cannot call the grains (`views`, `presence`), and it has no tracing, metrics, retries, hedging or admission limit. "
                + "Its backends still call the silo (`network`'s presence lookups), so the silo's CPU counts for it too.")
            .Table(comparison)
            .Table(ratios)
            .Table(Latencies.Table(results.SelectMany(result => new[] { result.Few, result.Many, result.Fanout })));

        var throughput = BarPlots.Bars("throughput, every part at 0 ms", "profiles/s",
            [.. results.SelectMany(result => new[] { ($"{result.Front.Label}, {few}", result.Few.Goodput), ($"{result.Front.Label}, {many}", result.Many.Goodput) })]);
        var cpu = BarPlots.Bars($"CPU per profile at {few} clients: the front alone", "ms",
            [.. results.Select(result => (result.Front.Name, FrontMs(result)))]);
        report.Plots.Add(Plots.Stacked(context.PlotPath(Name), throughput, cpu));
        return report;
    }

    /// <summary>A ratio, or none (a dash) when nothing was measured to divide by.</summary>
    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;

    private static double FrontMs(FrontResult result) =>
        result.Cost.MsPerProfile(result.Few.ByStatus.GetValueOrDefault(200), result.Front.Process);

    /// <summary>What answers the profile requests (with a label short enough for a plot's axis): where, in which mode, how many parts, and which process it is.</summary>
    private sealed record Front(string Name, string Label, Uri Url, string Mode, string Parts, string Process);

    private sealed record FrontResult(Front Front, RunStats Few, RunStats Many, RunStats Fanout, Cost Cost);
}
