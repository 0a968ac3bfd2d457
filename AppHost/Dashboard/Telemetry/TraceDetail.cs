namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>A whole trace: its spans from every process, in tree order.</summary>
/// <param name="Summary">The trace as a whole.</param>
/// <param name="Spans">Depth first: each root, then its children by start time, each followed by its own children.</param>
/// <param name="CriticalPath">The critical path's spans, from the root down (see <see cref="Telemetry.CriticalPath"/>).</param>
public sealed record TraceDetail(TraceSummary Summary, IReadOnlyList<TraceSpan> Spans, IReadOnlyList<TelemetrySpan> CriticalPath)
{
    public string TraceId => Summary.TraceId;
}
