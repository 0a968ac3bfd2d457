using Profiles.Contracts.Skills;
using Profiles.Simulation.Data.Vocabulary;

namespace Profiles.Simulation.Data;

/// <summary>Mostly the skills of the member's line of work, a few general ones, most endorsed first.</summary>
internal static class SkillsGenerator
{
    private const int MinSkills = 6;
    private const int MaxSkills = 40;

    public static IReadOnlyList<Skill> Generate(long memberId, Persona persona)
    {
        var random = Seed.For(memberId, Seed.Section.Skills);
        var pool = persona.Career.Skills
            .Concat(random.PickDistinct(Careers.CommonSkills, random.Next(2, 8)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var typicalEndorsements = 2 + persona.CareerMonths / 12;

        return random.PickDistinct(pool, random.Next(MinSkills, MaxSkills + 1))
            .Select(name => new Skill { Name = name, Endorsements = random.HeavyTailed(typicalEndorsements, 999) })
            .OrderByDescending(skill => skill.Endorsements)
            .ThenBy(skill => skill.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
