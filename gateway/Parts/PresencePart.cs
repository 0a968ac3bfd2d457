using Profiles.Contracts;
using Profiles.Contracts.Grains;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>Whether the member is online now, from their Presence grain.</summary>
public sealed class PresencePart(IGrainFactory grains, [FromKeyedServices(PartNames.Presence)] PartPipeline<PresenceSection> pipeline)
    : GrainPart<PresenceSection>(pipeline)
{
    public override string Name => PartNames.Presence;

    protected override async Task<PresenceSection> CallAsync(ProfileQuery query, CancellationToken attemptToken)
    {
        var presence = await grains.GetGrain<IPresenceGrain>(query.MemberId).GetPresenceAsync(attemptToken);
        return new PresenceSection(presence.Online, presence.LastSeen);
    }

    protected override void Place(ProfileResponse response, PresenceSection section) => response.Presence = section;
}
