using Profiles.Contracts.Experience;
using Profiles.Simulation.Data.Vocabulary;

namespace Profiles.Simulation.Data;

/// <summary>
/// A career told backwards from <see cref="ProfileData.Epoch"/>: the current job first, each
/// earlier one ending shortly before the next began, titles growing more senior over time.
/// </summary>
internal static class ExperienceGenerator
{
    private const int MaxPositions = 6;
    private const int MonthsPerPositionAtLeast = 16;
    private const int MonthsPerSeniorityStep = 66;

    private static readonly Func<string, string, string>[] Descriptions =
    [
        (skill, other) => $"Led {skill} work across several teams and raised the bar on {other}.",
        (skill, other) => $"Owned {skill} end to end; introduced {other} practices the whole group adopted.",
        (skill, other) => $"Built and grew a team focused on {skill} and {other}.",
        (skill, other) => $"Delivered {skill} projects for key customers while mentoring new hires in {other}.",
    ];

    public static ExperienceReply Generate(long memberId, Persona persona)
    {
        var random = Seed.For(memberId, Seed.Section.Experience);
        var reply = new ExperienceReply { MemberId = memberId };
        reply.Positions.AddRange(Positions(random, persona));
        reply.Education.AddRange(EducationGenerator.Generate(memberId, persona));
        return reply;
    }

    private static List<Position> Positions(Random random, Persona persona)
    {
        var count = Math.Clamp(1 + random.Next(MaxPositions), 1, Math.Max(1, persona.CareerMonths / MonthsPerPositionAtLeast));
        var careerStart = YearMonths.Index(ProfileData.Epoch) - persona.CareerMonths;
        var cursor = YearMonths.Index(ProfileData.Epoch);
        var level = Math.Min(persona.Career.Titles.Length - 1, persona.CareerMonths / MonthsPerSeniorityStep + random.Next(2));
        var company = Companies.Pick(random, persona.Career);

        var positions = new List<Position>(count);
        for (var i = 0; i < count; i++)
        {
            var remaining = count - i;
            var months = remaining == 1
                ? cursor - careerStart
                : random.Next(MonthsPerPositionAtLeast / 2, Math.Max(MonthsPerPositionAtLeast, 2 * (cursor - careerStart) / remaining));
            var start = Math.Max(careerStart, cursor - Math.Max(3, months));
            var skills = random.PickDistinct(persona.Career.Skills, 2);

            var position = new Position
            {
                Title = persona.Career.Titles[level],
                Company = company,
                Location = random.Chance(0.8) ? persona.Location : random.Pick(Places.Cities),
                Start = YearMonths.At(start),
                Description = random.Pick(Descriptions)(skills[0], skills[1]),
            };
            // The current job is open-ended; every earlier one ended the month before the next began, or a little earlier.
            if (i > 0)
            {
                position.End = YearMonths.At(cursor);
            }

            positions.Add(position);
            cursor = start - 1 - random.Next(3);
            level = Math.Max(0, level - random.Next(2));
            company = random.Chance(0.25) ? company : Companies.Pick(random, persona.Career);
            if (cursor <= careerStart)
            {
                break;
            }
        }

        return positions;
    }
}
