namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>The points over time of one instrument for one attribute set (e.g. <c>part=skills, status=ok</c>).</summary>
/// <param name="Dimensions">The attribute set that tells this series from its siblings; empty for an instrument without attributes.</param>
/// <param name="Points">Its points, oldest first.</param>
public sealed record MetricSeries(IReadOnlyDictionary<string, string> Dimensions, IReadOnlyList<MetricPoint> Points);
