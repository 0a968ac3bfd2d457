using Microsoft.Extensions.Options;
using Profiles.Contracts.Network;
using Profiles.Simulation.Data;

namespace Profiles.Simulation.Tests;

public sealed class ProfileDataTests
{
    private static readonly long[] SampleIds = [1, 2, 17, 4_242, 99_999, 100_000];

    private static ProfileData Create(long minId = 1, long maxId = 100_000) =>
        new(Options.Create(new MemberRangeOptions { MinId = minId, MaxId = maxId }));

    [Fact]
    public void Two_generators_give_every_section_the_same_data()
    {
        var first = Create();
        var second = Create();

        foreach (var id in SampleIds)
        {
            Assert.Equal(first.Member(id), second.Member(id));
            Assert.Equal(first.Experience(id), second.Experience(id));
            Assert.Equal(first.Skills(id), second.Skills(id));
            Assert.Equal(first.Feed(id), second.Feed(id));
            Assert.Equal(first.Connections(id), second.Connections(id));
            Assert.Equal(first.FollowerCount(id), second.FollowerCount(id));
            Assert.Equal(ProfileData.Presence(id), ProfileData.Presence(id));
        }
    }

    [Fact]
    public void Different_members_get_different_profiles()
    {
        var data = Create();

        var cards = Enumerable.Range(1, 200).Select(id => data.Member(id)).ToArray();

        Assert.Equal(cards.Length, cards.Select(card => card.MemberId).Distinct().Count());
        Assert.True(cards.Select(card => (card.FirstName, card.LastName)).Distinct().Count() > 150);
        Assert.True(cards.Select(card => card.Headline).Distinct().Count() > 150);
        Assert.NotEqual(data.Feed(1)[0].Text + data.Feed(1)[1].Text, data.Feed(2)[0].Text + data.Feed(2)[1].Text);
    }

    [Fact]
    public void Ids_outside_the_range_do_not_exist()
    {
        var data = Create(minId: 10, maxId: 20);

        Assert.False(data.Exists(9));
        Assert.True(data.Exists(10));
        Assert.True(data.Exists(20));
        Assert.False(data.Exists(21));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Member(21));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.MutualConnections(10, 0));
    }

    [Fact]
    public void The_member_card_is_complete()
    {
        var card = Create().Member(4_242);

        Assert.Equal(4_242, card.MemberId);
        Assert.All(new[] { card.FirstName, card.LastName, card.Headline, card.Location, card.Industry }, field => Assert.False(string.IsNullOrWhiteSpace(field)));
        Assert.Equal("/avatars/4242.svg", card.AvatarUrl);
    }

    [Fact]
    public void Careers_run_back_from_the_epoch_most_recent_first()
    {
        var data = Create();

        foreach (var id in Enumerable.Range(1, 300))
        {
            var experience = data.Experience(id);
            Assert.InRange(experience.Positions.Count, 1, 6);
            Assert.InRange(experience.Education.Count, 1, 3);
            Assert.Null(experience.Positions[0].End);

            var epochMonth = ProfileData.Epoch.Year * 12 + ProfileData.Epoch.Month;
            var previousStart = epochMonth + 1;
            foreach (var position in experience.Positions)
            {
                var start = position.Start.Year * 12 + position.Start.Month;
                var end = position.End is null ? epochMonth : position.End.Year * 12 + position.End.Month;
                Assert.InRange(position.Start.Month, 1, 12);
                Assert.True(start <= end, $"member {id}: a position ends before it starts");
                Assert.True(end < previousStart, $"member {id}: positions overlap or are out of order");
                previousStart = start;
            }

            Assert.Equal(experience.Education.OrderByDescending(education => education.EndYear), experience.Education);
            Assert.All(experience.Education, education => Assert.True(education.StartYear < education.EndYear));
        }
    }

    [Fact]
    public void Skills_come_most_endorsed_first()
    {
        var skills = Create().Skills(17);

        Assert.InRange(skills.Count, 6, 40);
        Assert.Equal(skills.OrderByDescending(skill => skill.Endorsements), skills);
        Assert.Equal(skills.Count, skills.Select(skill => skill.Name).Distinct().Count());
    }

    [Fact]
    public void The_feed_holds_sixty_posts_newest_first_before_the_epoch()
    {
        var feed = Create().Feed(17);

        Assert.Equal(ProfileData.FeedLength, feed.Count);
        Assert.Equal(feed.OrderByDescending(post => post.PostedAt.ToDateTimeOffset()), feed);
        Assert.True(feed[0].PostedAt.ToDateTimeOffset() < ProfileData.Epoch);
        Assert.Equal(feed.Count, feed.Select(post => post.PostId).Distinct().Count());
        Assert.All(feed, post =>
        {
            Assert.Equal(17, post.MemberId);
            Assert.False(string.IsNullOrWhiteSpace(post.Text));
            Assert.True(post.Reactions >= 0 && post.Comments >= 0);
        });
    }

    [Fact]
    public void Connections_are_symmetric_and_within_the_range()
    {
        var data = Create(minId: 1, maxId: 500);

        foreach (var id in new long[] { 1, 250, 500 })
        {
            var connections = data.Connections(id);
            Assert.NotEmpty(connections);
            Assert.All(connections, other =>
            {
                Assert.InRange(other, 1, 500);
                Assert.NotEqual(id, other);
                Assert.Contains(id, data.Connections(other));
            });
            Assert.Equal(connections.Order(), connections);
            Assert.True(data.FollowerCount(id) >= connections.Count);
        }
    }

    [Fact]
    public void Mutual_connections_are_symmetric_and_common_for_neighbours()
    {
        var data = Create();

        var withMutuals = 0;
        for (long member = 1_000; member < 1_050; member++)
        {
            var viewer = member + 37;
            var mutual = data.MutualConnections(member, viewer);
            Assert.Equal(mutual, data.MutualConnections(viewer, member));
            Assert.All(mutual, other =>
            {
                Assert.Contains(other, data.Connections(member));
                Assert.Contains(other, data.Connections(viewer));
            });
            withMutuals += mutual.Count > 0 ? 1 : 0;
        }

        Assert.True(withMutuals >= 45, $"only {withMutuals} of 50 nearby pairs share a connection");
        Assert.Empty(data.MutualConnections(1_000, 1_000));
    }

    [Fact]
    public void The_degree_follows_the_connection_graph()
    {
        var data = Create();
        const long member = 5_000;
        var first = data.Connections(member)[0];
        var second = Enumerable.Range(5_001, 400).Select(id => (long)id)
            .First(id => !data.Connections(member).Contains(id) && data.MutualConnections(member, id).Count > 0);

        Assert.Equal(Degree.Self, data.DegreeOf(member, member));
        Assert.Equal(Degree.First, data.DegreeOf(member, first));
        Assert.Equal(Degree.First, data.DegreeOf(first, member));
        Assert.Equal(Degree.Second, data.DegreeOf(member, second));
        Assert.Equal(Degree.Third, data.DegreeOf(member, member + 550));
        Assert.Equal(Degree.OutOfNetwork, data.DegreeOf(member, member + 50_000));
    }

    [Fact]
    public void Presence_is_a_function_of_the_id_and_the_instant()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var presences = Enumerable.Range(1, 400).Select(id => ProfileData.Presence(id, now)).ToArray();

        Assert.Equal(presences, Enumerable.Range(1, 400).Select(id => ProfileData.Presence(id, now)));
        Assert.InRange(presences.Count(presence => presence.Online), 40, 160);
        Assert.All(presences, presence => Assert.True(presence.LastSeen <= now));
        Assert.All(presences.Where(presence => presence.Online), presence => Assert.Equal(now, presence.LastSeen));
        Assert.Equal(ProfileData.Presence(7, ProfileData.Epoch), ProfileData.Presence(7));
    }
}
