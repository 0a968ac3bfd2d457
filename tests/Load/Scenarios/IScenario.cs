using Profiles.Fixtures;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>A named benchmark of the running system: bounded in requests and time, it ends with a report and a plot.</summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>
    /// How the harness starts the system for this scenario: by default with no faults but those a
    /// request's <c>x-fault</c> asks for, and the gateway as configured.
    /// </summary>
    SystemOptions Requires => new();

    Task<ScenarioReport> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
