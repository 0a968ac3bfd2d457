using Profiles.Contracts.Experience;
using Profiles.Contracts.Members;

namespace Profiles.Simulation.Data;

/// <summary>The identity card: who the member is, headlined by their current job.</summary>
internal static class MemberCardGenerator
{
    public static MemberCard Generate(long memberId, Persona persona, Position current, IReadOnlyList<string> topSkills)
    {
        var random = Seed.For(memberId, Seed.Section.Headline);
        var headline = random.Next(3) switch
        {
            0 => $"{current.Title} at {current.Company}",
            1 => $"{current.Title} | {string.Join(" | ", topSkills.Take(2))}",
            _ => $"{current.Title} at {current.Company} · {topSkills[0]}",
        };

        return new MemberCard
        {
            MemberId = memberId,
            FirstName = persona.FirstName,
            LastName = persona.LastName,
            Headline = headline,
            Location = persona.Location,
            Industry = persona.Industry,
            AvatarUrl = $"/avatars/{memberId}.svg",
        };
    }
}
