using Profiles.Load.Driving;
using Profiles.Load.Target;

namespace Profiles.Load.Scenarios;

/// <summary>
/// What a scenario runs against and with: the system, a client for diagnostics, where to write,
/// and <see cref="Scale"/>, the fraction of the full run's counts and durations to use (1 by
/// hand, tiny in the smoke tests).
/// </summary>
public sealed class ScenarioContext(LoadTarget system, string outputDirectory, double scale, Action<string> log) : IDisposable
{
    public LoadTarget System { get; } = system;

    public string OutputDirectory { get; } = outputDirectory;

    public double Scale { get; } = scale;

    public Action<string> Log { get; } = log;

    /// <summary>For the harness's own reads of the diagnostics endpoints, apart from the load.</summary>
    public HttpClient Diagnostics { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public LoadClient CreateClient(TimeSpan timeout) => new(System.Gateway, timeout);

    /// <summary>A full run's count, scaled, never below <paramref name="minimum"/>.</summary>
    public int Count(int full, int minimum = 1) => Math.Max(minimum, (int)Math.Round(full * Scale));

    public TimeSpan Duration(TimeSpan full, TimeSpan minimum) => TimeSpan.FromTicks(Math.Max(minimum.Ticks, (long)(full.Ticks * Scale)));

    public string PlotPath(string scenario) => Path.Combine(OutputDirectory, $"bench-{scenario}.png");

    public void Dispose() => Diagnostics.Dispose();
}
