using System.Globalization;

namespace Profiles.Load.Tests;

/// <summary>Reads a figure back from a scenario's Markdown: the cell of a row (by its first cell) under a column (by its header).</summary>
public static class MarkdownTables
{
    /// <param name="row">The row's first cell; null for the table's first row.</param>
    public static double Figure(string markdown, string column, string? row = null)
    {
        var lines = markdown.Split('\n').Select(line => line.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var headers = Cells(lines[i]);
            var at = headers.IndexOf(column);
            if (at < 0)
            {
                continue;
            }

            foreach (var line in lines.Skip(i + 2).TakeWhile(line => line.StartsWith('|')))
            {
                var cells = Cells(line);
                if (row is null || cells[0] == row)
                {
                    return double.Parse(cells[at].Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"No row '{row}' under a column '{column}' in:\n{markdown}");
    }

    private static List<string> Cells(string line) =>
        line.StartsWith('|') ? [.. line.Trim('|').Split('|').Select(cell => cell.Trim())] : [];
}
