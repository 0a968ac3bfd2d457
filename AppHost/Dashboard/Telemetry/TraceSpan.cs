namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>A span in its place in the trace's tree, as the waterfall draws it.</summary>
/// <param name="Span">The span itself.</param>
/// <param name="Depth">0 for a root (a span whose parent is not in the trace), its parent's depth + 1 otherwise.</param>
/// <param name="IsOnCriticalPath">Whether it is on the chain of spans that decided when the trace ended (<see cref="CriticalPath"/>).</param>
/// <param name="Offset">How long after the trace's start it started: where its bar begins.</param>
public sealed record TraceSpan(TelemetrySpan Span, int Depth, bool IsOnCriticalPath, TimeSpan Offset);
