using Profiles.Contracts.Grains;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

/// <summary>Whether the member is online now, from their Presence grain.</summary>
public sealed class PresencePart(IGrainFactory grains, [FromKeyedServices(PartNames.Presence)] PartPipeline<PresenceSection> pipeline)
    : ProfilePart<PresenceSection>(pipeline)
{
    public override string Name => PartNames.Presence;

    protected override async Task<PresenceSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        CallOptionsFactory.PassFaults(query);
        return ToSection(await grains.GetGrain<IPresenceGrain>(query.MemberId).GetPresenceAsync(cancellationToken));
    }

    protected override PresenceSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        CallOptionsFactory.PassFaults(query);
        return ToSection(grains.GetGrain<IPresenceGrain>(query.MemberId).GetPresenceAsync(cancellationToken).GetAwaiter().GetResult());
    }

    protected override void Place(ProfileResponse response, PresenceSection section) => response.Presence = section;

    private static PresenceSection ToSection(Presence presence) => new(presence.Online, presence.LastSeen);
}
