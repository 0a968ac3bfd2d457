using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Skills;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

public sealed class SkillsPart(Skills.SkillsClient client, [FromKeyedServices(PartNames.Skills)] PartPipeline<SkillsSection> pipeline)
    : GrpcPart<SkillsSection>(pipeline)
{
    public override string Name => PartNames.Skills;

    protected override async Task<SkillsSection> CallAsync(ProfileQuery query, CallOptions options) =>
        ToSection(await client.GetSkillsAsync(new GetSkillsRequest { MemberId = query.MemberId }, options));

    protected override void Place(ProfileResponse response, SkillsSection section) => response.Skills = section;

    private static SkillsSection ToSection(SkillsReply reply) =>
        new(reply.Skills.Select(skill => new SkillEntry(skill.Name, skill.Endorsements)).ToArray());
}
