namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>
/// The chain of spans that decided when a trace ended: from the root, repeatedly the child that
/// ended last (the latest start breaks a tie). In a fan-out it runs through the slowest part and
/// down into whatever made that part slow.
/// </summary>
public static class CriticalPath
{
    /// <param name="root">Where the path starts.</param>
    /// <param name="childrenOf">Each span's children, by span id.</param>
    public static IReadOnlyList<TelemetrySpan> From(TelemetrySpan root, IReadOnlyDictionary<string, List<TelemetrySpan>> childrenOf)
    {
        var path = new List<TelemetrySpan> { root };
        var visited = new HashSet<string> { root.SpanId };
        var current = root;
        // The visited check ends the walk where a sender's parent ids loop.
        while (childrenOf.TryGetValue(current.SpanId, out var children)
            && children.MaxBy(child => (child.EndTime, child.StartTime)) is { } last
            && visited.Add(last.SpanId))
        {
            current = last;
            path.Add(current);
        }

        return path;
    }
}
