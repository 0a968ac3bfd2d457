namespace Profiles.AppHost.Hosting;

public sealed class DistributedApplicationOptions
{
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Development unless DOTNET_ENVIRONMENT or <c>--environment</c> says otherwise.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>
    /// Where the children's console lines go instead of this process's console (a test's output,
    /// or nowhere). They are kept for <see cref="IConsoleLogs"/> either way.
    /// </summary>
    public Action<string>? ConsoleOutput { get; init; }

    /// <summary>Configuration that wins over appsettings.json, the environment and the command line.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
