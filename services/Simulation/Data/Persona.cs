using Profiles.Simulation.Data.Vocabulary;

namespace Profiles.Simulation.Data;

/// <summary>The facts about a member that every section of the profile agrees on.</summary>
internal sealed record Persona(string FirstName, string LastName, string Location, Career Career, string Industry, int CareerMonths)
{
    public static Persona Of(long memberId)
    {
        var random = Seed.For(memberId, Seed.Section.Persona);
        var career = random.Pick(Careers.All);
        return new Persona(
            random.Pick(Names.First),
            random.Pick(Names.Last),
            random.Pick(Places.Cities),
            career,
            random.Pick(career.Industries),
            CareerMonths: 8 + random.Next(35 * 12));
    }
}
