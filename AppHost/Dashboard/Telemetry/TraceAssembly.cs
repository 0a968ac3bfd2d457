namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>Turns the spans of one trace, as they arrived, into its summary and its tree.</summary>
internal static class TraceAssembly
{
    public static TraceSummary Summarize(string traceId, IReadOnlyList<TelemetrySpan> spans)
    {
        var spanIds = spans.Select(span => span.SpanId).ToHashSet();
        var start = spans.Min(span => span.StartTime);
        var end = spans.Max(span => span.EndTime);
        var root = Roots(spans, spanIds)[0];
        return new TraceSummary(
            traceId,
            root.Name,
            root.Resource,
            start,
            end - start,
            spans.Count,
            [.. spans.Select(span => span.Resource).Distinct()],
            spans.Count(span => span.IsError),
            spans.Count(span => span.IsCancelled));
    }

    public static TraceDetail Detail(string traceId, IReadOnlyList<TelemetrySpan> spans)
    {
        var summary = Summarize(traceId, spans);
        var spanIds = spans.Select(span => span.SpanId).ToHashSet();
        var childrenOf = spans
            .Where(span => span.ParentSpanId is { } parent && spanIds.Contains(parent))
            .GroupBy(span => span.ParentSpanId!)
            .ToDictionary(group => group.Key, group => group.OrderBy(span => span.StartTime).ToList());
        var roots = Roots(spans, spanIds);
        var criticalPath = CriticalPath.From(roots[0], childrenOf);
        var onCriticalPath = criticalPath.Select(span => span.SpanId).ToHashSet();

        var ordered = new List<TraceSpan>(spans.Count);
        // A sender can make parent ids loop; each span is placed once all the same.
        var placed = new HashSet<string>();
        var pending = new Stack<(TelemetrySpan Span, int Depth)>(roots.AsEnumerable().Reverse().Select(root => (root, 0)));
        while (pending.TryPop(out var next))
        {
            if (!placed.Add(next.Span.SpanId))
            {
                continue;
            }

            ordered.Add(new TraceSpan(next.Span, next.Depth, onCriticalPath.Contains(next.Span.SpanId), next.Span.StartTime - summary.StartTime));
            if (childrenOf.TryGetValue(next.Span.SpanId, out var children))
            {
                for (var index = children.Count - 1; index >= 0; index--)
                {
                    pending.Push((children[index], next.Depth + 1));
                }
            }
        }

        return new TraceDetail(summary, ordered, criticalPath);
    }

    /// <summary>
    /// Spans whose parent is not (yet) in the trace, earliest first: the real root, then orphans.
    /// Parent ids that loop leave none: the earliest span stands in.
    /// </summary>
    private static List<TelemetrySpan> Roots(IReadOnlyList<TelemetrySpan> spans, HashSet<string> spanIds)
    {
        var roots = spans.Where(span => span.ParentSpanId is null || !spanIds.Contains(span.ParentSpanId)).OrderBy(span => span.StartTime).ToList();
        return roots.Count > 0 ? roots : [spans.MinBy(span => span.StartTime)!];
    }
}
