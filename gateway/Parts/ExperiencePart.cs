using Profiles.Contracts.Experience;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

public sealed class ExperiencePart(Experience.ExperienceClient client, [FromKeyedServices(PartNames.Experience)] PartPipeline<ExperienceSection> pipeline)
    : ProfilePart<ExperienceSection>(pipeline)
{
    public override string Name => PartNames.Experience;

    protected override async Task<ExperienceSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(await client.GetExperienceAsync(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override ExperienceSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken) =>
        ToSection(client.GetExperience(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken)));

    protected override void Place(ProfileResponse response, ExperienceSection section) => response.Experience = section;

    private static GetExperienceRequest Request(ProfileQuery query) => new() { MemberId = query.MemberId };

    private static ExperienceSection ToSection(ExperienceReply reply) => new(
        reply.Positions.Select(position => new PositionEntry(
            position.Title,
            position.Company,
            position.Location,
            Format(position.Start)!,
            Format(position.End),
            position.Description)).ToArray(),
        reply.Education.Select(education => new EducationEntry(
            education.School,
            education.Degree,
            education.FieldOfStudy,
            education.StartYear,
            education.EndYear)).ToArray());

    private static string? Format(YearMonth? month) => month is null ? null : $"{month.Year:0000}-{month.Month:00}";
}
