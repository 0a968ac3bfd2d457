using Profiles.Contracts.Faults;

namespace Profiles.Simulation.Faults;

/// <summary>
/// The faults a developer turned on while the process runs (<c>PUT /admin/faults</c>, from the
/// AppHost's resource commands), on top of the configured profile until healed. One plan per
/// process: each new one replaces the last, so a command's effect never depends on earlier clicks.
/// </summary>
public sealed class LiveFaults
{
    private FaultPlan _plan = FaultPlan.Empty;

    public FaultPlan Current => Volatile.Read(ref _plan);

    public void Set(FaultPlan plan) => Volatile.Write(ref _plan, plan);

    public void Heal() => Set(FaultPlan.Empty);
}
