using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Admin;

/// <summary>The live faults, in the <c>x-fault</c> grammar; empty when healed.</summary>
public sealed record LiveFaultsView(string Fault)
{
    public static LiveFaultsView Of(LiveFaults live) => new(live.Current.Text);
}
