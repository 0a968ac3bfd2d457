using Microsoft.Extensions.Options;
using Profiles.Contracts.Grains;
using Profiles.Simulation.Data;

namespace Profiles.Silo.Grains;

/// <summary>Who looked at a member's profile, keyed by the viewed member's id and kept in the "Default" grain storage.</summary>
public sealed class ProfileViewsGrain(
    [PersistentState("views", "Default")] IPersistentState<ProfileViewsState> views,
    TimeProvider timeProvider,
    IOptions<MemberRangeOptions> members) : Grain, IProfileViewsGrain
{
    public async Task<ProfileViews> RecordViewAsync(long viewerId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(viewerId);
        MemberGrains.RequireMember(members.Value, this.GetPrimaryKeyLong());

        views.State.Record(viewerId, timeProvider.GetUtcNow());
        try
        {
            await views.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // The view is in memory but maybe not in storage (the caller may have given up mid-write):
            // a fresh activation reads back what was stored rather than serving a view that never was.
            DeactivateOnIdle();
            throw;
        }

        return views.State.ToProfileViews();
    }
}
