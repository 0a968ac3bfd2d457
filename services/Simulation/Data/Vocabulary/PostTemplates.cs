namespace Profiles.Simulation.Data.Vocabulary;

/// <summary>What one post can talk about, drawn from the author's own profile.</summary>
internal sealed record PostFacts(string Title, string Company, string Skill, string OtherSkill, string City, string Industry, int Number);

internal static class PostTemplates
{
    public static readonly Func<PostFacts, string>[] All =
    [
        f => $"Excited to share that I'm starting a new chapter as {f.Title} at {f.Company}! Grateful to everyone who helped along the way.",
        f => $"{f.Number} things I wish I had known about {f.Skill} when I started out. A thread.",
        f => $"We're hiring at {f.Company}! If you care about {f.Skill} and {f.OtherSkill}, my messages are open.",
        f => $"Great conversations at this week's {f.Industry} meetup in {f.City}. The best ideas came from the hallway track.",
        f => $"Hot take: {f.Skill} matters less than {f.OtherSkill}. Change my mind.",
        f => $"Proud of the team at {f.Company}: we shipped something {f.Number} months in the making today.",
        f => $"Just finished a course on {f.Skill}. Next up: getting better at {f.OtherSkill}.",
        f => $"Mentoring tip: ask what someone is stuck on before you tell them what you know about {f.Skill}.",
        f => $"Looking for book recommendations on {f.Skill}. What changed how you work?",
        f => $"{f.Number} years in {f.Industry} taught me one thing: the boring work is the work.",
        f => $"Speaking about {f.Skill} at a conference in {f.City} next month. Come say hi!",
        f => $"Celebrating {f.Number} years at {f.Company} today. Still learning something new every week.",
        f => $"Our {f.Skill} playbook, now public. Feedback welcome, especially the critical kind.",
        f => $"A small win: we cut our review time in half by writing down how we do {f.OtherSkill}.",
        f => $"Remote or office? After {f.Number} years of both, here is what works for our team at {f.Company}.",
        f => $"Honoured to be recognised for our work on {f.Skill} this year. This one belongs to the whole team.",
    ];
}
