using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Profiles.Contracts.Grains;
using Profiles.Simulation.Data;

namespace Profiles.Silo.Grains;

/// <summary>
/// Whether a member is online, keyed by member id. The answer comes from the simulated world's data,
/// so every silo, run and machine agrees on it.
/// </summary>
/// <remarks>
/// Reentrant because there is no state to protect: one caller's injected delay must not queue the
/// others behind it, as it would not on a real presence service.
/// </remarks>
[Reentrant]
public sealed class PresenceGrain(TimeProvider timeProvider, IOptions<MemberRangeOptions> members) : Grain, IPresenceGrain
{
    public Task<Presence> GetPresenceAsync(CancellationToken cancellationToken)
    {
        var memberId = this.GetPrimaryKeyLong();
        MemberGrains.RequireMember(members.Value, memberId);
        return Task.FromResult(ProfileData.Presence(memberId, timeProvider.GetUtcNow()));
    }
}
