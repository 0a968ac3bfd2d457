using System.Collections.Concurrent;
using Orleans.Concurrency;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Simulation;
using Profiles.Simulation.Data;
using Profiles.Simulation.Faults;

namespace Profiles.Services.Tests;

/// <summary>
/// Stands in for the silo's Presence grain: answers from <see cref="ProfileData.Presence(long)"/>,
/// suffers the caller's presence faults and records what reached it, so the tests can see that
/// the network service's nested calls carry the fault plan and the cancellation. Reentrant like the
/// real grain, so that a hedged lookup does not queue behind the one it races.
/// </summary>
[Reentrant]
public sealed class PresenceGrainStandIn(FaultInjector faults, PresenceLookups lookups) : Grain, IPresenceGrain
{
    public async Task<Presence> GetPresenceAsync(CancellationToken cancellationToken)
    {
        var memberId = this.GetPrimaryKeyLong();
        var faultHeader = RequestContext.Get(FaultPlan.HeaderName) as string;
        lookups.Started(faultHeader);
        try
        {
            if (lookups.TakeHang(memberId))
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            await faults.ApplyAsync(PartNames.Presence, faultHeader, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lookups.Cancelled();
            throw;
        }

        return ProfileData.Presence(memberId);
    }
}

public sealed class PresenceLookups
{
    private readonly ConcurrentQueue<string?> _faultHeaders = new();
    private readonly ConcurrentDictionary<long, bool> _hangs = new();
    private int _started;
    private int _cancelled;

    public int StartedCount => Volatile.Read(ref _started);

    public int CancelledCount => Volatile.Read(ref _cancelled);

    public string? LastFaultHeader { get; private set; }

    /// <summary>The fault header of every lookup, in the order they started.</summary>
    public IReadOnlyCollection<string?> FaultHeaders => _faultHeaders;

    public void Started(string? faultHeader)
    {
        LastFaultHeader = faultHeader;
        _faultHeaders.Enqueue(faultHeader);
        Interlocked.Increment(ref _started);
    }

    public void Cancelled() => Interlocked.Increment(ref _cancelled);

    /// <summary>The next lookup of each of these members hangs until it is cancelled: a tail only a hedge gets past.</summary>
    public void HangNextLookupOf(IEnumerable<long> memberIds)
    {
        foreach (var memberId in memberIds)
        {
            _hangs[memberId] = true;
        }
    }

    public bool TakeHang(long memberId) => _hangs.TryRemove(memberId, out _);
}
