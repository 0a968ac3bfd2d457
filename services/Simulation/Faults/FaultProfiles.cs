using Profiles.Contracts.Faults;

namespace Profiles.Simulation.Faults;

/// <summary>The named fault profiles a process can be configured with (<c>Faults:Profile</c>).</summary>
public static class FaultProfiles
{
    public const string None = "none";
    public const string Realistic = "realistic";

    /// <summary>
    /// Fast at the median with a slow 1 % tail and the odd transient error: what a fleet of real
    /// services looks like, so the default run shows hedging and degraded profiles now and then.
    /// </summary>
    private const string RealisticPlan =
        "members=tail:12ms,1%:250ms; " +
        "experience=tail:18ms,1%:300ms; " +
        "network=tail:15ms,1%:300ms; " +
        "skills=tail:10ms,1%:400ms; skills=error:unavailable@0.5%; " +
        "activity=tail:20ms,1%:300ms; " +
        "views=tail:5ms,1%:150ms; " +
        "presence=tail:3ms,1%:120ms";

    public static FaultPlan Resolve(string profile) => profile.Trim().ToLowerInvariant() switch
    {
        None or "" => FaultPlan.Empty,
        Realistic => FaultPlan.Parse(RealisticPlan),
        _ => throw new InvalidOperationException(
            $"Unknown fault profile '{profile}' in {FaultOptions.SectionName}:Profile; expected '{None}' or '{Realistic}'."),
    };
}
