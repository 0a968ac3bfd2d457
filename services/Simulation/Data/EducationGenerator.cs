using Profiles.Contracts.Experience;
using Profiles.Simulation.Data.Vocabulary;

namespace Profiles.Simulation.Data;

/// <summary>One to three degrees, each ending when the next began, the last one as the career started.</summary>
internal static class EducationGenerator
{
    public static IEnumerable<Education> Generate(long memberId, Persona persona)
    {
        var random = Seed.For(memberId, Seed.Section.Education);
        var degrees = new List<(string Degree, int Years)> { (random.Chance(0.7) ? Schools.Bachelor : Schools.BachelorOfArts, 4) };
        if (random.Chance(0.4))
        {
            var graduate = random.Next(2);
            degrees.Add((Schools.Graduate[graduate], 2));
            if (graduate == 0 && random.Chance(0.25))
            {
                degrees.Add((Schools.Graduate[2], 5));
            }
        }

        var end = (YearMonths.Index(ProfileData.Epoch) - persona.CareerMonths) / 12;
        var field = random.Pick(persona.Career.FieldsOfStudy);
        var education = new List<Education>(degrees.Count);
        for (var i = degrees.Count - 1; i >= 0; i--)
        {
            var (degree, years) = degrees[i];
            education.Add(new Education
            {
                School = random.Pick(Schools.Names),
                Degree = degree,
                FieldOfStudy = field,
                StartYear = end - years,
                EndYear = end,
            });
            end -= years;
        }

        return education;
    }
}
