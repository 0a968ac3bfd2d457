using System.Text;

namespace Profiles.Load.Reporting;

/// <summary>What a scenario found: Markdown (its tables and notes) and the plots it drew.</summary>
public sealed class ScenarioReport(string scenario)
{
    private readonly StringBuilder _markdown = new();

    public string Scenario { get; } = scenario;

    public List<string> Plots { get; } = [];

    public string Markdown => _markdown.ToString();

    public ScenarioReport Heading(string text)
    {
        _markdown.AppendLine($"#### {text}").AppendLine();
        return this;
    }

    public ScenarioReport Paragraph(string text)
    {
        _markdown.AppendLine(text).AppendLine();
        return this;
    }

    public ScenarioReport Table(MarkdownTable table)
    {
        _markdown.Append(table).AppendLine();
        return this;
    }

    /// <summary>Writes <c>{scenario}.md</c> beside the plots in <paramref name="directory"/> and returns its path.</summary>
    public async Task<string> WriteAsync(string directory, DateTimeOffset ranAt, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"{Scenario}.md");
        var text = new StringBuilder()
            .AppendLine($"### {Scenario} — run {ranAt:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .Append(Markdown);
        foreach (var plot in Plots)
        {
            text.AppendLine($"![{Scenario}]({Path.GetFileName(plot)})").AppendLine();
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
        return path;
    }
}
