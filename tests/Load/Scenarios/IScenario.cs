using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>A named benchmark of the running system: bounded in requests and time, it ends with a report and a plot.</summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
