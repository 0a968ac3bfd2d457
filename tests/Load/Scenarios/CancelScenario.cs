using System.Diagnostics;
using Profiles.Fixtures;
using Profiles.Fixtures.Otlp;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// Client aborts: requests whose backends take 2 s are aborted at a random point in their first
/// 100 ms. Each backend service records when it observed the cancellation; against the client's
/// abort time (same machine, same clock) that is the time the abort took to cross the gateway,
/// its scope, gRPC or Orleans, and the backend. 100 ms after each abort the backends must have no
/// work left. docs/architecture.md wants every backend to observe it within 5 ms at p99.
/// One request at a time, so that each backend's "last cancellation" and "in flight" belong to it.
/// Each recorded request carries a trace of its own, and the spans every process exports for it
/// split that time hop by hop (<see cref="AbortHops"/>).
/// </summary>
public sealed class CancelScenario : IScenario
{
    public const string Fault = "*=latency:2s";

    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    public string Name => "cancel";

    /// <summary>
    /// Without DCP's proxies: through one, the gateway learns of the client's abort only once the
    /// proxy has, and a backend of the gateway's reset only once its own proxy has passed it on.
    /// </summary>
    public SystemOptions Requires => new() { GatewayUnproxied = true, BackendsUnproxied = true };

    public string Description => "1,000 requests aborted at random points; abort to each backend observing it; work left after 100 ms";

    public async Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (!context.System.IsObservable)
        {
            throw new InvalidOperationException("The cancel scenario reads the backends' own counters: run it without --url so that it starts the system.");
        }

        using var client = context.CreateClient(TimeSpan.FromSeconds(30));
        var request = new ProfileRequest("concurrent", Fault, TimeSpan.FromSeconds(10), Hedging: false);
        var requests = context.Count(1_000, 3);
        var random = new Random(6);
        await ClosedLoop.RunAsync("warm-up", client, request with { Fault = "*=latency:1ms" }, 1, context.Count(50, 3), TimeSpan.FromSeconds(30), cancellationToken);

        var observed = new Dictionary<string, RunStats>(StringComparer.Ordinal);
        var all = new RunStats("every backend");
        var leftRunning = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long aborted = 0;
        var spans = context.System.System is { ReceivesTelemetry: true } system ? system.Spans : null;
        var traced = new List<(ActivityTraceId Trace, DateTimeOffset AbortedAt)>();
        // The success path is warm; the abort path (Kestrel's disconnect, the scope's cancellation,
        // RST_STREAM, the backends' unwinding) is code that has not run yet, and its first runs are
        // slow (JIT, tier-0 code): abort some requests before recording anything.
        var warmUp = context.Count(100, 3);
        for (var sequence = 1; sequence <= warmUp; sequence++)
        {
            await AbortAsync(requests + sequence, recording: false);
        }

        await using var observation = await Observation.StartAsync(context.System, context.Diagnostics, TimeSpan.FromSeconds(1), cancellationToken);
        context.Log($"cancel: {requests} aborted requests");
        for (var sequence = 1; sequence <= requests; sequence++)
        {
            await AbortAsync(sequence, recording: true);
        }

        await observation.StopAsync(cancellationToken);
        var hops = new AbortHops();
        if (spans is not null)
        {
            await SpansSettledAsync(spans, cancellationToken);
            foreach (var (trace, abortedAt) in traced)
            {
                hops.Record(spans.Spans(trace), abortedAt);
            }
        }

        async Task AbortAsync(long sequence, bool recording)
        {
            var before = await context.System.WorkAsync(cancellationToken);
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var message = request.Create(sequence);
            var trace = recording && spans is not null ? TraceOfItsOwn(message, spans) : (ActivityTraceId?)null;
            var call = client.SendAsync(message, abort.Token);
            await Task.Delay(TimeSpan.FromMilliseconds(1 + (random.NextDouble() * 99)), cancellationToken);
            var abortedAt = DateTimeOffset.UtcNow;
            await abort.CancelAsync();
            var endedByAbort = await EndedByAbortAsync(call);

            var untilSettled = Settle - (DateTimeOffset.UtcNow - abortedAt);
            if (untilSettled > TimeSpan.Zero)
            {
                await Task.Delay(untilSettled, cancellationToken);
            }

            var after = await context.System.WorkAsync(cancellationToken);
            if (!recording)
            {
                return;
            }

            aborted += endedByAbort ? 1 : 0;
            if (trace is { } id)
            {
                traced.Add((id, abortedAt));
            }

            foreach (var (service, counts) in after.Where(pair => pair.Value.InFlight > 0))
            {
                leftRunning[service] = leftRunning.GetValueOrDefault(service) + counts.InFlight;
            }

            var lastCancellations = await context.System.LastCancellationsAsync(context.Diagnostics, cancellationToken);
            foreach (var (service, counts) in after)
            {
                if (counts.Cancelled > before.GetValueOrDefault(service)?.Cancelled && lastCancellations.TryGetValue(service, out var at))
                {
                    var latency = at - abortedAt;
                    GetOrAdd(observed, service).Record(200, latency);
                    all.Record(200, latency);
                }
            }
        }


        var table = new MarkdownTable("backend service", "cancellations observed", "p50 (ms)", "p99 (ms)", "max (ms)");
        foreach (var (service, stats) in observed.OrderBy(pair => pair.Key, StringComparer.Ordinal).Append(new(all.Name, all)))
        {
            table.Row(service, stats.Count, stats.PercentileMs(50), stats.PercentileMs(99), stats.MaxMs);
        }

        var report = new ScenarioReport(Name)
            .Paragraph($"`x-fault: {Fault}`, budget 10 s; {requests} requests one at a time, each aborted by the client (HttpClient cancellation, "
                + $"which closes the HTTP/1.1 connection) 1–100 ms after it was sent, after {warmUp} aborted the same way to warm the abort path; {aborted} ended by the abort. "
                + "A service counts when its own counter of cancelled calls moved: a call aborted before the gateway made it has nothing to observe.")
            .Table(table)
            .Table(new MarkdownTable("aborted requests", "backend calls still running 100 ms after their abort (sum)", "by service")
                .Row(requests, leftRunning.Values.Sum(), leftRunning.Count == 0 ? "none" : string.Join(", ", leftRunning.Select(pair => $"{pair.Key} {pair.Value}"))))
            .Table(observation.WorkTable());
        if (spans is not null)
        {
            report
                .Paragraph($"Hop by hop, from the spans the processes exported for {hops.Traces} of the {traced.Count} aborted requests (each sent with a trace of its own). "
                    + "A part's span ends once its call is cancelled in the gateway, before the backend hears of it; a backend's server span ends once its handler has unwound.")
                .Table(hops.Table());
        }

        report.Plots.Add(Plots.LatencyDistribution(context.PlotPath(Name), "cancel: client abort to each backend observing it",
            observed.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value.Latency))));
        return report;
    }

    /// <summary>Starts the request's trace here (sampled), and has the sink keep its spans.</summary>
    private static ActivityTraceId TraceOfItsOwn(HttpRequestMessage message, SpanCapture spans)
    {
        var trace = ActivityTraceId.CreateRandom();
        spans.Watch(trace);
        message.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return trace;
    }

    /// <summary>
    /// Each process exports its spans in batches, about once a second (Aspire sets
    /// <c>OTEL_BSP_SCHEDULE_DELAY</c> to 1,000 ms): waits until none has arrived for three seconds, at most 30 s.
    /// </summary>
    private static async Task SpansSettledAsync(SpanCapture spans, CancellationToken cancellationToken)
    {
        var count = -1;
        var unchanged = 0;
        for (var waited = 0; waited < 30 && unchanged < 3; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = spans.Count;
            unchanged = now == count ? unchanged + 1 : 0;
            count = now;
        }
    }

    private static async Task<bool> EndedByAbortAsync(Task<Outcome> call)
    {
        try
        {
            await call;
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private static RunStats GetOrAdd(Dictionary<string, RunStats> observed, string service)
    {
        if (!observed.TryGetValue(service, out var stats))
        {
            stats = new RunStats(service);
            observed[service] = stats;
        }

        return stats;
    }
}
