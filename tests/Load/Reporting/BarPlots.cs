using ScottPlot;

namespace Profiles.Load.Reporting;

/// <summary>Bar charts in the look of <see cref="Plots"/>: one labelled bar per thing compared.</summary>
public static class BarPlots
{
    public static Plot Bars(string title, string yLabel, IReadOnlyList<(string Label, double Value)> bars)
    {
        var plot = Plots.NewPlot(title, "", yLabel);
        plot.Add.Bars(bars.Select((bar, at) => new Bar
        {
            Position = at,
            Value = double.IsFinite(bar.Value) ? bar.Value : 0,
            Label = double.IsFinite(bar.Value) ? bar.Value.ToString(bar.Value >= 100 ? "N0" : "0.0#", System.Globalization.CultureInfo.InvariantCulture) : "—",
        }).ToList());
        plot.Axes.Bottom.SetTicks([.. bars.Select((_, at) => (double)at)], [.. bars.Select(bar => bar.Label)]);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    public static string Save(string path, string title, string yLabel, IReadOnlyList<(string Label, double Value)> bars)
    {
        Bars(title, yLabel, bars).SavePng(path, 900, 500);
        return path;
    }
}
