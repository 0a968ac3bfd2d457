using Profiles.Contracts.Skills;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

public sealed class SkillsPart(Skills.SkillsClient client, [FromKeyedServices(PartNames.Skills)] PartPipeline<SkillsSection> pipeline)
    : ProfilePart<SkillsSection>(pipeline)
{
    public override string Name => PartNames.Skills;

    protected override async Task<SkillsSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(await client.GetSkillsAsync(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override SkillsSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(client.GetSkills(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override void Place(ProfileResponse response, SkillsSection section) => response.Skills = section;

    private static GetSkillsRequest Request(ProfileQuery query) => new() { MemberId = query.MemberId };

    private static SkillsSection ToSection(SkillsReply reply) =>
        new(reply.Skills.Select(skill => new SkillEntry(skill.Name, skill.Endorsements)).ToArray());
}
