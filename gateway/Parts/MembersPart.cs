using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Members;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>The identity card. The one required part: no card, no profile.</summary>
public sealed class MembersPart(Members.MembersClient client, [FromKeyedServices(PartNames.Members)] PartPipeline<MemberSection> pipeline)
    : GrpcPart<MemberSection>(pipeline)
{
    public override string Name => PartNames.Members;

    public override bool Required => true;

    protected override async Task<MemberSection> CallAsync(ProfileQuery query, CallOptions options) =>
        ToSection(await client.GetMemberAsync(new GetMemberRequest { MemberId = query.MemberId }, options));

    protected override void Place(ProfileResponse response, MemberSection section) => response.Member = section;

    private static MemberSection ToSection(MemberCard card) =>
        new(card.MemberId, card.FirstName, card.LastName, card.Headline, card.Location, card.Industry, card.AvatarUrl);
}
