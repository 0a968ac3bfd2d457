using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Experience;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

public sealed class ExperiencePart(Experience.ExperienceClient client, [FromKeyedServices(PartNames.Experience)] PartPipeline<ExperienceSection> pipeline)
    : GrpcPart<ExperienceSection>(pipeline)
{
    public override string Name => PartNames.Experience;

    protected override async Task<ExperienceSection> CallAsync(ProfileQuery query, CallOptions options) =>
        ToSection(await client.GetExperienceAsync(new GetExperienceRequest { MemberId = query.MemberId }, options));

    protected override void Place(ProfileResponse response, ExperienceSection section) => response.Experience = section;

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
