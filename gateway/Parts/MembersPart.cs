using Profiles.Contracts.Members;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

/// <summary>The identity card. The one required part: no card, no profile.</summary>
public sealed class MembersPart(Members.MembersClient client, [FromKeyedServices(PartNames.Members)] PartPipeline<MemberSection> pipeline)
    : ProfilePart<MemberSection>(pipeline)
{
    public override string Name => PartNames.Members;

    public override bool Required => true;

    protected override async Task<MemberSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(await client.GetMemberAsync(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override MemberSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(client.GetMember(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override void Place(ProfileResponse response, MemberSection section) => response.Member = section;

    private static GetMemberRequest Request(ProfileQuery query) => new() { MemberId = query.MemberId };

    private static MemberSection ToSection(MemberCard card) =>
        new(card.MemberId, card.FirstName, card.LastName, card.Headline, card.Location, card.Industry, card.AvatarUrl);
}
