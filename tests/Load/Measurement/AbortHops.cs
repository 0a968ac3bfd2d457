using System.Diagnostics;
using Profiles.Fixtures.Otlp;
using Profiles.Load.Reporting;

namespace Profiles.Load.Measurement;

/// <summary>
/// How far an aborted request's cancellation had got, and when, read from the spans each process
/// exported for it: the gateway's request and parts, and every server span of a backend under a part.
/// Against the client's abort time (same machine, same clock) this splits "abort → backend observed"
/// into the gateway's share (its parts end as soon as their calls are cancelled, before any backend
/// hears of it) and the hop's (RST_STREAM or Orleans' cancellation message, then the backend's unwinding).
/// </summary>
public sealed class AbortHops
{
    private const string Gateway = "gateway";
    private const string PartSpanPrefix = "profile.part ";

    private readonly SortedDictionary<string, RunStats> _inGateway = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, RunStats> _inBackends = new(StringComparer.Ordinal);

    /// <summary>Requests whose spans had arrived: their gateway's parts at least.</summary>
    public int Traces { get; private set; }

    public void Record(IReadOnlyList<CapturedSpan> exported, DateTimeOffset abortedAt)
    {
        // A batch whose export was retried arrives twice.
        var spans = exported.DistinctBy(span => span.SpanId).ToList();
        var parts = spans.Where(span => span.Service == Gateway && span.Name.StartsWith(PartSpanPrefix, StringComparison.Ordinal)).ToList();
        if (parts.Count == 0)
        {
            return;
        }

        Traces++;
        var byId = spans.ToDictionary(span => span.SpanId);
        Add(_inGateway, "the gateway's first part ends", parts.Min(part => part.End) - abortedAt);
        Add(_inGateway, "the gateway's last part ends", parts.Max(part => part.End) - abortedAt);
        foreach (var part in parts)
        {
            Add(_inGateway, $"the gateway's part {PartOf(part)} ends", part.End - abortedAt);
        }

        if (spans.FirstOrDefault(span => span.Service == Gateway && span.Kind == ActivityKind.Server && !HasParentIn(span, byId)) is { } request)
        {
            Add(_inGateway, "the gateway's request ends", request.End - abortedAt);
        }

        foreach (var server in spans.Where(span => span.Service != Gateway && span.Kind == ActivityKind.Server))
        {
            if (PartAbove(server, byId) is not { } part)
            {
                continue;
            }

            // A call the gateway made itself, or one a backend made on the part's behalf (network's presence lookups).
            var direct = server.ParentSpanId is { } parent && byId.TryGetValue(parent, out var caller) && caller.Service == Gateway;
            var label = direct ? $"{PartOf(part)} ({server.Service})" : $"{PartOf(part)}, then {server.Service} (nested)";
            Add(_inBackends, $"{label}: its server span ends", server.End - abortedAt);
        }
    }

    public MarkdownTable Table()
    {
        var table = new MarkdownTable("from the client's abort to", "spans", "p50 (ms)", "p99 (ms)", "max (ms)");
        foreach (var (hop, stats) in _inGateway.Concat(_inBackends))
        {
            table.Row(hop, stats.Count, stats.PercentileMs(50), stats.PercentileMs(99), stats.MaxMs);
        }

        return table;
    }

    private static void Add(SortedDictionary<string, RunStats> hops, string hop, TimeSpan latency)
    {
        if (!hops.TryGetValue(hop, out var stats))
        {
            stats = new RunStats(hop);
            hops[hop] = stats;
        }

        stats.Record(200, latency);
    }

    private static string PartOf(CapturedSpan part) => part.Name[PartSpanPrefix.Length..];

    private static bool HasParentIn(CapturedSpan span, Dictionary<ActivitySpanId, CapturedSpan> byId) =>
        span.ParentSpanId is { } parent && byId.ContainsKey(parent);

    private static CapturedSpan? PartAbove(CapturedSpan span, Dictionary<ActivitySpanId, CapturedSpan> byId)
    {
        for (var current = span; current.ParentSpanId is { } parent && byId.TryGetValue(parent, out var above); current = above)
        {
            if (above.Service == Gateway && above.Name.StartsWith(PartSpanPrefix, StringComparison.Ordinal))
            {
                return above;
            }
        }

        return null;
    }
}
