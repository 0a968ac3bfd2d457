using Google.Protobuf.WellKnownTypes;
using Profiles.Contracts.Activity;
using Profiles.Contracts.Experience;
using Profiles.Contracts.Skills;
using Profiles.Simulation.Data.Vocabulary;

namespace Profiles.Simulation.Data;

/// <summary>
/// The member's recent posts, newest first, going back in time from <see cref="ProfileData.Epoch"/>
/// (not from the clock, so every run streams the same feed).
/// </summary>
internal static class FeedGenerator
{
    public static IReadOnlyList<Post> Generate(long memberId, Persona persona, Position current, IReadOnlyList<Skill> skills)
    {
        var random = Seed.For(memberId, Seed.Section.Feed);
        var typicalReactions = 5 + random.Next(60);
        var postedAt = ProfileData.Epoch - TimeSpan.FromMinutes(random.Next(10, 48 * 60));

        var posts = new Post[ProfileData.FeedLength];
        for (var i = 0; i < posts.Length; i++)
        {
            var facts = new PostFacts(
                current.Title,
                current.Company,
                random.Pick(skills).Name,
                random.Pick(skills).Name,
                random.Chance(0.7) ? persona.Location.Split(',')[0] : random.Pick(Places.Cities).Split(',')[0],
                persona.Industry,
                Number: 2 + random.Next(9));
            var reactions = random.HeavyTailed(typicalReactions, 50_000);

            posts[i] = new Post
            {
                // Newest first, so the newest post has the highest id, as ids grow over time.
                PostId = memberId * 1_000 + (ProfileData.FeedLength - i),
                MemberId = memberId,
                Text = random.Pick(PostTemplates.All)(facts),
                PostedAt = Timestamp.FromDateTimeOffset(postedAt),
                Reactions = reactions,
                Comments = (int)(reactions * random.NextDouble() * 0.15),
            };
            postedAt -= TimeSpan.FromMinutes(random.Next(2 * 60, 6 * 24 * 60));
        }

        return posts;
    }
}
