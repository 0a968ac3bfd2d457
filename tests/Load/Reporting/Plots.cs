using HdrHistogram;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Profiles.Load.Reporting;

/// <summary>The harness's PNGs, drawn with ScottPlot: one figure per scenario, the same look for all.</summary>
public static class Plots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>
    /// Latency against percentile on a "nines" axis (50 %, 90 %, 99 %, 99.9 %, ...), the way
    /// HdrHistogram plots are read: the tail gets as much room as the median.
    /// </summary>
    public static string LatencyDistribution(string path, string title, IEnumerable<(string Label, HistogramBase Latency)> series)
    {
        var plot = NewPlot(title, "percentile", "latency (ms)");
        double widest = 1;
        foreach (var (label, latency) in series)
        {
            if (latency.TotalCount == 0)
            {
                continue;
            }

            var points = latency.Percentiles(5)
                .Where(point => point.Percentile < 100)
                .Select(point => (X: Nines(point.Percentile), Y: point.ValueIteratedTo / 1000.0))
                .ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = label;
            line.LineWidth = 2;
            widest = Math.Max(widest, points.Max(p => p.X));
        }

        var ticks = new NumericManual();
        foreach (var (percentile, nines) in new[] { ("0%", 0.0), ("50%", 0.30103), ("90%", 1.0), ("99%", 2.0), ("99.9%", 3.0), ("99.99%", 4.0) })
        {
            if (nines <= widest + 0.01)
            {
                ticks.AddMajor(nines, percentile);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path);
    }

    /// <summary>Lines of y against x, one per series, e.g. throughput against clients.</summary>
    public static string Lines(string path, string title, string xLabel, string yLabel, IEnumerable<(string Label, double[] X, double[] Y)> series)
    {
        var plot = NewPlot(title, xLabel, yLabel);
        foreach (var (label, x, y) in series)
        {
            var line = plot.Add.Scatter(x, y);
            line.LegendText = label;
            line.LineWidth = 2;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path);
    }

    /// <summary>Panels stacked in one PNG: what the scenario compares first, then what happened meanwhile.</summary>
    public static string Stacked(string path, params Plot[] panels)
    {
        var layout = new Multiplot();
        // A new Multiplot holds one empty plot; the panels replace it.
        layout.RemovePlot(layout.GetPlot(0));
        foreach (var panel in panels)
        {
            layout.AddPlot(panel);
        }

        layout.Layout = new ScottPlot.MultiplotLayouts.Rows();
        layout.SavePng(path, Width, Height * panels.Length);
        return path;
    }

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static string Save(Plot plot, string path)
    {
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>-log10(1 - p): 90 % is 1, 99 % is 2, 99.9 % is 3.</summary>
    private static double Nines(double percentile) => -Math.Log10(1 - (percentile / 100.0));
}
