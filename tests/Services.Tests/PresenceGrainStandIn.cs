using Profiles.Contracts.Grains;
using Profiles.Simulation;
using Profiles.Simulation.Data;
using Profiles.Simulation.Faults;

namespace Profiles.Services.Tests;

/// <summary>
/// Stands in for the silo's Presence grain: answers from <see cref="ProfileData.Presence(long)"/>,
/// suffers the caller's presence faults and records what reached it, so the tests can see that
/// the network service's nested calls carry the fault plan and the cancellation.
/// </summary>
public sealed class PresenceGrainStandIn(FaultInjector faults, PresenceLookups lookups) : Grain, IPresenceGrain
{
    public async Task<Presence> GetPresenceAsync(CancellationToken cancellationToken)
    {
        var faultHeader = RequestContext.Get(FaultPlan.HeaderName) as string;
        lookups.Started(faultHeader);
        try
        {
            await faults.ApplyAsync(Parts.Presence, faultHeader, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lookups.Cancelled();
            throw;
        }

        return ProfileData.Presence(this.GetPrimaryKeyLong());
    }
}

public sealed class PresenceLookups
{
    private int _started;
    private int _cancelled;

    public int StartedCount => Volatile.Read(ref _started);

    public int CancelledCount => Volatile.Read(ref _cancelled);

    public string? LastFaultHeader { get; private set; }

    public void Started(string? faultHeader)
    {
        LastFaultHeader = faultHeader;
        Interlocked.Increment(ref _started);
    }

    public void Cancelled() => Interlocked.Increment(ref _cancelled);
}
