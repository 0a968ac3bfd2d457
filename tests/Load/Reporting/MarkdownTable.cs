using System.Globalization;
using System.Text;

namespace Profiles.Load.Reporting;

/// <summary>A GitHub-flavoured Markdown table, built row by row.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Row(params object?[] cells)
    {
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    /// <summary>Numbers as people read them: milliseconds with one decimal, ratios with two.</summary>
    private static string Format(object? cell) => cell switch
    {
        null => "—",
        double value when double.IsNaN(value) => "—",
        double value => value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.0#", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
