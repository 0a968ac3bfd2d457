namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// Writes the children's console lines, prefixed with the replica's name and in a colour of its
/// resource when the console is a terminal; a <c>!</c> after the name marks standard error.
/// </summary>
internal sealed class ConsolePrinter
{
    private const string Reset = "\u001b[0m";
    private static readonly string[] Palette = ["\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[35m", "\u001b[34m", "\u001b[96m", "\u001b[92m", "\u001b[93m"];

    private readonly Action<string> output;
    private readonly Dictionary<string, string> colours;
    private readonly int nameWidth;

    public ConsolePrinter(Action<string>? output, IReadOnlyList<ProjectResource> projects)
    {
        this.output = output ?? Console.Out.WriteLine;
        var useColour = output is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        colours = projects
            .Select((project, index) => (project.Name, Colour: useColour ? Palette[index % Palette.Length] : ""))
            .ToDictionary(entry => entry.Name, entry => entry.Colour);
        nameWidth = projects.Select(project => DisplayName(project, project.Replicas - 1).Length).DefaultIfEmpty(0).Max();
    }

    public static string DisplayName(ProjectResource project, int replica) =>
        project.Replicas > 1 ? $"{project.Name}-{replica}" : project.Name;

    public void Print(ProjectResource project, int replica, string text, bool isError)
    {
        var colour = colours[project.Name];
        var prefix = $"{DisplayName(project, replica).PadRight(nameWidth)} {(isError ? '!' : '|')}";
        output(colour.Length == 0 ? $"{prefix} {text}" : $"{colour}{prefix}{Reset} {text}");
    }

    /// <summary>A line of the AppHost's own, such as the start-up summary.</summary>
    public void Print(string text) => output(text);
}
