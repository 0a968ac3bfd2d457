using System.Globalization;
using Profiles.Fixtures;
using Profiles.Load.Driving;
using Profiles.Load.Faults;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Faults under a steady open-loop load, with the <c>realistic</c> fault profile and no
/// <c>x-fault</c> header: a silo replica killed with SIGKILL, Redis restarted, a backend killed with
/// SIGKILL, a backend hung from its dashboard command. Each phase sends its profiles to members of
/// its own, so that a view lost is lost in a known phase; every member's count is read before the
/// load and at the end, and what it gained set against the views answered with a 200 (<see cref="ViewLedger"/>).
/// </summary>
public sealed class ChaosScenario : IScenario
{
    public const string KilledBackend = "experience";
    public const string HungBackend = "skills";

    private static readonly string[] GrainParts = ["views", "presence", "network"];

    /// <summary>The phases whose views are counted: the steady one and the four faults, each on members of its own.</summary>
    private const int CountedPhases = 5;

    public string Name => "chaos";

    public string Description => "steady load, realistic faults; kill a silo, restart Redis, kill a backend, hang a backend; recovery and views lost";

    /// <summary>
    /// The AppHost starts a killed process again after ten seconds: long enough for the gateway to
    /// meet the dead backend, which is what the phase is about, and the same wait every run, so that
    /// recoveries compare. The breaker opens once half the calls of its five-second window have
    /// failed, 3.3 s after the kill on 2026-12-02; with five seconds, a fast machine that started the
    /// backend again at once left it too little time (one clean-clone CI run on 2026-12-04).
    /// </summary>
    public SystemOptions Requires => new() { Faults = "realistic", FirstRestartDelay = TimeSpan.FromSeconds(10) };

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        Report(context, await MeasureAsync(context, cancellationToken));

    /// <summary>Runs the phases and reads every view back: what the report tells, and the smoke test checks.</summary>
    internal static async Task<ChaosResult> MeasureAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var system = context.System.System
            ?? throw new InvalidOperationException("The chaos scenario kills and restarts the system's processes: run it without --url so that it starts the system.");
        var incident = new Incident(system, context.Log);
        var rate = (double)context.Count(100, 20);
        var members = context.Count(500, 40);
        var settle = context.Duration(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(4));
        // Aspire's restart (Requires) and the process's start on a busy machine; past it the harness starts the instance itself.
        var grace = TimeSpan.FromSeconds(60);
        var hang = context.Duration(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
        var recoveryLimit = TimeSpan.FromSeconds(120);
        var budget = TimeSpan.FromMilliseconds(500);
        // Phase 0 warms the system up, unrecorded: a fresh cluster's first grain calls overrun the budget.
        var phaseNumber = 0;
        var request = Phase(0);

        ProfileRequest Phase(int number) =>
            new ProfileRequest("concurrent", Fault: null, budget) { FirstMember = 1 + (number * 10_000), Members = members };

        using var counter = new HttpClient { BaseAddress = context.System.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var countedMembers = Enumerable.Range(1, CountedPhases).Select(Phase).SelectMany(phase => Enumerable.Range(0, members).Select(offset => phase.FirstMember + offset));
        var before = await ViewLedger.CountAsync(countedMembers, counter, cancellationToken);

        // The gateway's own runtime figures, not the processes' (ProcessStats): a killed process cannot be sampled again.
        var clock = SteadyLoad.StartClock();
        var gatewayRuntime = new GatewayRuntime(context.Diagnostics, context.System.Gateway);
        await using var sampling = new Sampling(TimeSpan.FromMilliseconds(500), _ => gatewayRuntime.SampleAsync(TimeSpan.FromTicks((long)(SteadyLoad.Elapsed(clock) * TimeSpan.TicksPerSecond))));
        await using var load = new SteadyLoad(context.System.Gateway, rate, () => Volatile.Read(ref request), TimeSpan.FromSeconds(30), cancellationToken, clock);
        var windows = new List<FaultWindow>();
        var notes = new List<string>();
        // A count includes the read's own view: more than one is a view from before this run.
        var viewedBefore = before.Values.Count(count => count.Views > 1);
        if (viewedBefore > 0)
        {
            notes.Add($"{viewedBefore} of the {before.Count} members counted had views before the load began (the system ran other loads before); the ledger counts what each gained.");
        }
        var startedByTheHarness = new List<string>();

        async Task<FaultWindow> RunPhaseAsync(string name, IReadOnlyList<string> parts, Func<Task> strike, Func<double, Task> afterwards)
        {
            Volatile.Write(ref request, Phase(++phaseNumber));
            var from = load.Now;
            context.Log($"chaos: {name} at {from:0.0} s");
            var struckAt = load.Now;
            await strike();
            await afterwards(struckAt);
            var calm = await WaitUntilCalmAsync(load, parts, recoveryLimit, cancellationToken);
            await Task.Delay(settle, cancellationToken);
            var to = load.Now;
            var window = new FaultWindow(name, from, to, struckAt, parts, load.Between(from, to)) { Recovered = calm };
            windows.Add(window);
            return window;
        }

        context.Log($"chaos: {rate} profiles/s over {members} members a phase");
        await Task.Delay(settle, cancellationToken);
        // A system just started sheds part of this load for its first half-minute or so (tiered JIT,
        // connections, the admission limit finding its level): the steady phase, the baseline of the
        // faults, starts once five whole seconds have passed undisturbed, and the report says when.
        notes.Add(await WaitUntilCalmAsync(load, GrainParts, recoveryLimit, cancellationToken, calmSeconds: 5)
            ? $"Warm-up: the load was held, five seconds undisturbed, {load.Now:0} s after it began."
            : $"Warm-up: never five seconds undisturbed within {recoveryLimit.TotalSeconds:0} s; the steady phase began anyway.");
        Volatile.Write(ref request, Phase(++phaseNumber));
        var steadyFrom = load.Now;
        await Task.Delay(settle, cancellationToken);
        windows.Add(new FaultWindow("steady", steadyFrom, load.Now, load.Now, GrainParts, load.Between(steadyFrom, load.Now)));

        (string Instance, int ProcessId) killed = ("", 0);
        async Task BringBackAsync(string what)
        {
            if (await incident.BringBackAsync(killed.Instance, killed.ProcessId, grace, cancellationToken))
            {
                notes.Add($"The AppHost started {what} again by itself (AppHost/Restarts).");
                return;
            }

            notes.Add($"Not started again within {grace.TotalSeconds:0} s: {what}; the harness started it with Aspire's start command.");
            startedByTheHarness.Add(killed.Instance);
        }

        await RunPhaseAsync("kill -9 one silo", GrainParts,
            () =>
            {
                killed = incident.Kill("silo");
                return Task.CompletedTask;
            },
            async _ =>
            {
                // The AppHost starts the replica again meanwhile; the phase lasts until the cluster has settled and the replica is back.
                await WaitUntilCalmAsync(load, GrainParts, recoveryLimit, cancellationToken);
                await BringBackAsync("the killed silo");
            });

        var redisBefore = system.InstanceProcessIds("silo").Values.Order().ToArray();
        await RunPhaseAsync("restart Redis", GrainParts, () => incident.RestartAsync("redis", cancellationToken), _ => Task.CompletedTask);
        notes.Add(system.InstanceProcessIds("silo").Values.Order().SequenceEqual(redisBefore)
            ? "Both silos ran on through the Redis restart (same processes)."
            : "A silo process changed during the Redis restart.");

        var backend = await RunPhaseAsync($"kill -9 {KilledBackend}", [KilledBackend],
            () =>
            {
                killed = incident.Kill(KilledBackend);
                return Task.CompletedTask;
            },
            async _ =>
            {
                await BringBackAsync(KilledBackend);
            });
        var breakerOpenedAfter = backend.FirstSeen(KilledBackend, "circuit-open", backend.StruckAt) - backend.StruckAt;

        // While hung: from when the command has reached every replica to when the heal is sent.
        double hangStarted = 0, hangEnded = 0;
        var hung = await RunPhaseAsync($"hang {HungBackend}", [HungBackend],
            async () =>
            {
                await incident.CommandAsync(HungBackend, "fault-hang", cancellationToken);
                hangStarted = load.Now;
            },
            async _ =>
            {
                await Task.Delay(hang, cancellationToken);
                hangEnded = load.Now;
                await incident.CommandAsync(HungBackend, "fault-heal", cancellationToken);
            });

        await load.StopAsync();
        await sampling.DisposeAsync();

        if (windows.Count != CountedPhases)
        {
            throw new InvalidOperationException($"{windows.Count} phases ran, and {CountedPhases} were counted before the load.");
        }

        var ledgers = new List<ViewLedger>();
        var everyAnswer = load.Answers;
        foreach (var (window, number) in windows.Select((window, index) => (window, index + 1)))
        {
            // By member, not by due time: a request sent as a phase ended still viewed that phase's members.
            var first = Phase(number).FirstMember;
            var views = everyAnswer.Where(answer => answer.MemberId >= first && answer.MemberId < first + members).ToList();
            ledgers.Add(await ViewLedger.ReadBackAsync(window.Name, views, before, counter, cancellationToken));
        }

        var duringHang = hung.Answers.Where(answer => answer.DueSeconds >= hangStarted && answer.DueSeconds < hangEnded).ToList();
        var hangWindow = hung with { Answers = duringHang };
        return new ChaosResult(rate, members, budget, windows, ledgers, notes, startedByTheHarness, breakerOpenedAfter, hangWindow,
            GatewayMemory(gatewayRuntime, hangStarted, hangEnded), gatewayRuntime);
    }

    /// <summary>Waits until <paramref name="calmSeconds"/> whole seconds of answers are undisturbed (see <see cref="FaultWindow"/>); false if they never were within <paramref name="limit"/>.</summary>
    private static async Task<bool> WaitUntilCalmAsync(SteadyLoad load, IReadOnlyList<string> parts, TimeSpan limit, CancellationToken cancellationToken, int calmSeconds = 2)
    {
        var giveUpAt = load.Now + limit.TotalSeconds;
        while (load.Now < giveUpAt)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            // The last second's answers are not all in yet.
            var from = load.Now - 1 - calmSeconds;
            var recent = new FaultWindow("recent", from, load.Now - 1, from, parts, load.Between(from, load.Now - 1));
            if (recent.Answers.Count > 0 && recent.Seconds.All(second => !recent.IsDisturbed(second.Answers)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The gateway's working set before a window and its peak during it, in MB.</summary>
    private static (double Before, double Peak) GatewayMemory(GatewayRuntime runtime, double from, double to)
    {
        var samples = runtime.Samples.Select(sample => (sample.Seconds, Mb: sample.Sample.WorkingSetBytes / 1_048_576.0)).ToList();
        var before = samples.Where(sample => sample.Seconds < from).Select(sample => sample.Mb).DefaultIfEmpty(double.NaN).Last();
        var peak = samples.Where(sample => sample.Seconds >= from && sample.Seconds <= to).Select(sample => sample.Mb).DefaultIfEmpty(double.NaN).Max();
        return (before, peak);
    }

    private ScenarioReport Report(ScenarioContext context, ChaosResult result)
    {
        var (rate, members, budget, windows, ledgers, notes, _, breakerOpenedAfter, hang, memory, runtime) = result;
        var phases = new MarkdownTable("phase", "seconds", "requests", "errors by status", "degraded", "peak errors/s", "peak degraded/s", "parts hit", "other parts hit", "recovered", "recovery (s)", "p99 (ms)");
        foreach (var window in windows)
        {
            var hits = string.Join(", ", window.Parts.Select(part =>
                $"{part}: {window.CountOf(part, "failed")} failed ({window.CountOf(part, "failed", "circuit-open")} circuit-open), {window.CountOf(part, "timeout")} timeout"));
            phases.Row(window.Name, window.To - window.From, window.Answers.Count, ErrorSummary(window), window.Degraded,
                window.PeakPerSecond(answer => !answer.IsOk), window.PeakPerSecond(answer => answer.IsOk && answer.Degraded), hits, OtherPartsHit(window),
                window.Name == "steady" ? null : window.Recovered ? "yes" : "no", window.Name == "steady" ? null : window.RecoverySeconds, window.LatencyPercentileMs(99, answer => answer.IsOk));
        }

        var views = new MarkdownTable("phase", "members", "views answered (200, views ok)", "views in doubt", "views stored (end less start)", "views lost", "counted twice");
        foreach (var ledger in ledgers)
        {
            views.Row(ledger.Phase, ledger.Members, ledger.Certain, ledger.InDoubt, ledger.Stored, ledger.Lost, ledger.CountedTwice);
        }

        var report = new ScenarioReport(Name)
            .Paragraph($"{rate:0} profiles/s arriving at a fixed rate (open loop), fault profile `realistic`, no `x-fault` header, budget {budget.TotalMilliseconds:0} ms, hedging on; "
                + $"each phase views {members} members of its own. Recovery: from the fault to the end of the last second with an error or with more than 5 % of profiles hit in the parts the fault reaches.")
            .Table(phases)
            .Table(views)
            .Table(new MarkdownTable("fault", "what was checked", "seen")
                .Row($"kill -9 {KilledBackend}", "first `circuit-open` after the kill (s)", breakerOpenedAfter)
                .Row($"hang {HungBackend}", "p99 of 200s while hung, in the gateway (ms); the goal: budget + 20 ms", $"{Percentiles.Of(hang.Answers.Select(answer => answer.GatewayElapsedMs ?? double.NaN), 99):0.0} (≤ {budget.TotalMilliseconds + 20:0})")
                .Row($"hang {HungBackend}", "p99 of 200s while hung, at the client from the due time (ms)", hang.LatencyPercentileMs(99, answer => answer.IsOk))
                .Row($"hang {HungBackend}", "answers while hung; 200s", $"{hang.Answers.Count}; {hang.Answers.Count(answer => answer.IsOk)}")
                .Row($"hang {HungBackend}", "gateway working set before → peak while hung (MB)", $"{memory.Before:0} → {memory.Peak:0}"))
            .Paragraph(string.Join(" ", notes));
        foreach (var discrepancy in ledgers.SelectMany(ledger => ledger.Discrepancies.Select(text => $"{ledger.Phase}: {text}")))
        {
            report.Paragraph($"A count off: {discrepancy}");
        }

        report.Plots.Add(Plot(context, windows, runtime));
        return report;
    }

    /// <summary>
    /// The parts outside the fault's reach that did not answer ok, by part: whether a fault slowed
    /// only what depends on it, or the whole machine (Redis' restart once hit `presence`, whose grains keep nothing in Redis).
    /// </summary>
    private static string OtherPartsHit(FaultWindow window)
    {
        var others = window.Answers
            .SelectMany(answer => answer.Parts)
            .Where(part => !window.Parts.Contains(part.Key) && part.Value.Status != "ok")
            .GroupBy(part => part.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key}: {group.Count()}")
            .ToList();
        return others.Count == 0 ? "none" : string.Join(", ", others);
    }

    private static string ErrorSummary(FaultWindow window)
    {
        var errors = window.Answers.Where(answer => !answer.IsOk).GroupBy(answer => answer.Status).OrderBy(group => group.Key)
            .Select(group => $"{(group.Key == LoadClient.NoAnswer ? "no answer" : group.Key.ToString(CultureInfo.InvariantCulture))}×{group.Count()}")
            .ToArray();
        return errors.Length == 0 ? "none" : string.Join(", ", errors);
    }

    private string Plot(ScenarioContext context, IReadOnlyList<FaultWindow> windows, GatewayRuntime runtime)
    {
        var answers = windows.SelectMany(window => window.Answers).GroupBy(answer => (int)Math.Floor(answer.DueSeconds)).OrderBy(group => group.Key).ToList();
        var perSecond = Plots.NewPlot("chaos: errors and degraded profiles per second", "seconds", "profiles per second");
        var errors = perSecond.Add.Scatter(answers.Select(group => (double)group.Key).ToArray(), answers.Select(group => (double)group.Count(answer => !answer.IsOk)).ToArray());
        errors.LegendText = "errors (not 200)";
        var degraded = perSecond.Add.Scatter(answers.Select(group => (double)group.Key).ToArray(), answers.Select(group => (double)group.Count(answer => answer.IsOk && answer.Degraded)).ToArray());
        degraded.LegendText = "degraded (200)";
        foreach (var window in windows.Skip(1))
        {
            perSecond.Add.VerticalLine(window.StruckAt).Text = window.Name;
        }

        perSecond.ShowLegend(ScottPlot.Alignment.UpperRight);
        var memory = Plots.NewPlot("the gateway's working set", "seconds", "MB");
        var samples = runtime.Samples;
        memory.Add.Scatter(samples.Select(sample => sample.Seconds).ToArray(), samples.Select(sample => sample.Sample.WorkingSetBytes / 1_048_576.0).ToArray());
        return Plots.Stacked(context.PlotPath(Name), perSecond, memory);
    }
}
