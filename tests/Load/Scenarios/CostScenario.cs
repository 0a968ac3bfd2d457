using System.Globalization;
using Profiles.Fixtures;
using Profiles.Fixtures.Otlp;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// What a profile costs (issue 13, "Cost per profile"): the system saturated by 32 closed-loop
/// clients, every part at 0 ms, so that nothing but CPU limits it. Each process's CPU over the run
/// is read from /proc before and after, the gateway's collections and allocations from its own
/// runtime, and divided by the profiles answered. LinkedIn's headline ("30 servers down to 3") is a
/// claim about CPU per request: the cores 10,000 profiles a second would need is that figure here.
/// </summary>
public sealed class CostScenario : IScenario
{
    public const string Fault = "*=latency:0ms";

    /// <summary>The rate the issue's LinkedIn figure is scaled to.</summary>
    public const double TargetRate = 10_000;

    /// <summary>
    /// `posts=1` (one post and no pacing); member ids over 5,000 (a grain activation each, warm after
    /// the warm-up); hedging as by default; the longest budget the gateway takes, so that a profile
    /// that waited for CPU behind a thousand others is still answered and counted: what is measured
    /// is what the CPU can serve, not how many made a deadline (with 2 s, 1,000 clients got 504s).
    /// </summary>
    public static ProfileRequest Request(string mode) => new(mode, Fault, Budget, Hedging: true, Posts: 1) { Members = 5_000 };

    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>The processes of the system, each resource by its name: what "the whole system" adds up.</summary>
    public static readonly string[] SystemProcesses = DistributedSystem.Resources;

    public string Name => "cost";

    public string Description => "32 clients, every part at 0 ms: profiles/s at saturation, CPU per profile per process, the gateway's GC per profile";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (!context.System.IsObservable)
        {
            throw new InvalidOperationException("The cost scenario reads every process's CPU: run it without --url so that it starts the system.");
        }

        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        var request = Request("concurrent");
        var clients = context.Count(32, 4);
        var duration = context.Duration(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2));
        // Every member's grains activated, every path JIT-compiled to its last tier, before anything is counted.
        await ClosedLoop.RunAsync("warm-up", client, request, clients, context.Count(6_000, 20), context.Duration(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)), cancellationToken);

        var processes = CostedProcesses.Of(context.System);
        context.Log("cost: " + string.Join(", ", processes.Select(pair => $"{pair.Key} {string.Join(' ', pair.Value)}")));
        var meter = await CostMeter.StartAsync(context.System, context.Diagnostics, processes, cancellationToken);
        var run = await ClosedLoop.RunAsync($"{clients} clients", client, request, clients, long.MaxValue, duration, cancellationToken);
        var cost = await meter.StopAsync(cancellationToken);

        var profiles = run.ByStatus.GetValueOrDefault(200);
        var rate = profiles / cost.Elapsed.TotalSeconds;
        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}` on every part, `posts=1`, member ids spread over 5,000, hedging as by default, budget {Budget.TotalSeconds:0} s, {Tracing(context)} and metrics on; "
                + $"{clients} clients (closed loop) for {duration.TotalSeconds:0} s, after a warm-up. CPU is each process's `utime + stime` from `/proc/<pid>/stat`, before and after; "
                + "per profile means per answered (200) profile; \"in the kernel\" is the share of it in `stime`. "
                + "The host probe's unit is the CPU time a fixed piece of work took the harness meanwhile (median): it says whether the machine itself ran slower than in another run.")
            .Table(Latencies.Table([run]))
            .Table(new MarkdownTable("profiles/s at saturation", "backend calls per profile", "machine CPU busy (cores, every process)", "of it neither the system, DCP nor the harness (cores)", "host probe's unit of work (ms of CPU, median)")
                .Row(rate, cost.BackendCalls / (double)Math.Max(1, profiles), Cores(cost.Machine, cost), Cores(cost.Machine - cost.Cpu.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu), cost), cost.HostUnitMs))
            .Table(CpuTable(cost, profiles))
            .Table(GcTable(cost.Gateway, profiles))
            .Paragraph("Telemetry exported over OTLP while measured, as the processes' exporters sent it (every 1 s, in batches) to the harness's OTLP sink, which stands in for the dashboard "
                + "and accepts every export; per answered profile.")
            .Table(TelemetryTable(cost, profiles));
        report.Plots.Add(BarPlots.Save(context.PlotPath(Name), $"CPU per profile by process ({profiles.ToString("N0", CultureInfo.InvariantCulture)} profiles at {rate:0}/s)", "CPU per profile (ms)",
            [.. SystemProcesses.Select(process => (process, cost.MsPerProfile(profiles, process))), ("DCP", cost.MsPerProfile(profiles, CostedProcesses.Dcp))]));
        return report;
    }

    private static double Cores(TimeSpan cpu, Cost cost) => cpu / cost.Elapsed;

    /// <summary>Per process, the whole system, and what stands beside it: DCP's proxies and the harness.</summary>
    public static MarkdownTable CpuTable(Cost cost, long profiles)
    {
        var table = new MarkdownTable("process", "CPU (s)", "CPU per profile (ms)", "of it in the kernel (%)", $"cores for {TargetRate:N0} profiles/s");
        void Row(string label, params string[] groups) => table.Row(
            label,
            groups.Sum(group => cost.Cpu.GetValueOrDefault(group).TotalSeconds),
            cost.MsPerProfile(profiles, groups),
            cost.KernelPercent(groups),
            cost.CoresFor(TargetRate, profiles, groups));

        foreach (var process in SystemProcesses)
        {
            Row(process, process);
        }

        Row("**whole system**", SystemProcesses);
        Row(CostedProcesses.Dcp, CostedProcesses.Dcp);
        Row("whole system and DCP", [.. SystemProcesses, CostedProcesses.Dcp]);
        Row($"{CostedProcesses.Harness}: not counted", CostedProcesses.Harness);
        return table;
    }

    /// <summary>Spans and log records each process exported: proof that tracing stays on, and a part of what the CPU above paid for.</summary>
    public static MarkdownTable TelemetryTable(Cost cost, long profiles)
    {
        var each = 1.0 / Math.Max(1, profiles);
        var table = new MarkdownTable("process", "spans per profile", "log records per profile", "metrics exported");
        foreach (var process in SystemProcesses.Where(cost.Exported.ContainsKey))
        {
            var exported = cost.Exported[process];
            table.Row(process, exported.Spans * each, exported.LogRecords * each, exported.Metrics);
        }

        var whole = cost.Exported.Values.Aggregate(ExportedTelemetry.None, (sum, exported) => sum + exported);
        return table.Row("**whole system**", whole.Spans * each, whole.LogRecords * each, whole.Metrics);
    }

    private static MarkdownTable GcTable(GatewayGc gc, long profiles)
    {
        var each = 1.0 / Math.Max(1, profiles);
        return new MarkdownTable("gateway", "over the run", "per 1,000 profiles", "per profile")
            .Row("gen0 collections", gc.Gen0, gc.Gen0 * each * 1_000, null)
            .Row("gen1 collections", gc.Gen1, gc.Gen1 * each * 1_000, null)
            .Row("gen2 collections", gc.Gen2, gc.Gen2 * each * 1_000, null)
            .Row("allocated (KB)", gc.AllocatedBytes / 1024.0, gc.AllocatedBytes / 1024.0 * each * 1_000, gc.AllocatedBytes / 1024.0 * each);
    }

    private static string Tracing(ScenarioContext context) => context.System.Options?.TraceSampling is { } ratio
        ? $"traces sampled at {ratio.ToString("0.##", CultureInfo.InvariantCulture)} (OpenTelemetry's `parentbased_traceidratio`, not the default run)"
        : "every trace recorded and exported, as in the default run";
}
