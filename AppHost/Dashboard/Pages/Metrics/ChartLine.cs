namespace Profiles.AppHost.Dashboard.Pages.Metrics;

/// <summary>One line of a chart: a label for its legend, a colour, and its points in time order.</summary>
public sealed record ChartLine(string Label, string Color, IReadOnlyList<(DateTimeOffset Time, double Value)> Points);
