using Microsoft.Extensions.Options;
using Profiles.Contracts.Activity;
using Profiles.Contracts.Experience;
using Profiles.Contracts.Grains;
using Profiles.Contracts.Members;
using Profiles.Contracts.Network;
using Profiles.Contracts.Skills;

namespace Profiles.Simulation.Data;

/// <summary>
/// The simulated world's profiles, generated from the member id alone: every id in
/// <see cref="MemberRangeOptions"/> exists, and every process, run and machine sees the same
/// profile for it. Asking about an id outside the range is a caller's bug: check <see cref="Exists"/> first.
/// </summary>
public sealed class ProfileData
{
    /// <summary>"Now" for the generated data: careers end and feeds start here, whatever the clock says.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How many posts a member's feed holds.</summary>
    public const int FeedLength = 60;

    private readonly MemberRangeOptions _range;
    private readonly ConnectionGraph _graph;

    public ProfileData(IOptions<MemberRangeOptions> range)
    {
        _range = range.Value;
        _graph = new ConnectionGraph(_range);
    }

    public bool Exists(long memberId) => _range.Contains(memberId);

    public MemberCard Member(long memberId)
    {
        var persona = PersonaOf(memberId);
        var experience = ExperienceGenerator.Generate(memberId, persona);
        var topSkills = SkillsGenerator.Generate(memberId, persona).Select(skill => skill.Name).ToArray();
        return MemberCardGenerator.Generate(memberId, persona, experience.Positions[0], topSkills);
    }

    /// <summary>Positions and education, most recent first.</summary>
    public ExperienceReply Experience(long memberId) => ExperienceGenerator.Generate(memberId, PersonaOf(memberId));

    /// <summary>Every skill of the member, most endorsed first.</summary>
    public IReadOnlyList<Skill> Skills(long memberId) => SkillsGenerator.Generate(memberId, PersonaOf(memberId));

    /// <summary>The member's <see cref="FeedLength"/> most recent posts, newest first.</summary>
    public IReadOnlyList<Post> Feed(long memberId)
    {
        var persona = PersonaOf(memberId);
        var current = ExperienceGenerator.Generate(memberId, persona).Positions[0];
        return FeedGenerator.Generate(memberId, persona, current, SkillsGenerator.Generate(memberId, persona));
    }

    /// <summary>The member's connections, in ascending id order, all within the range.</summary>
    public IReadOnlyList<long> Connections(long memberId) => _graph.ConnectionsOf(EnsureExists(memberId));

    /// <summary>Followers include every connection, and then some: a few members have a large following.</summary>
    public int FollowerCount(long memberId) =>
        Connections(memberId).Count + Seed.For(memberId, Seed.Section.Network).HeavyTailed(typical: 60, max: 250_000);

    /// <summary>Members connected to both, in ascending id order; none for a member and themselves.</summary>
    public IReadOnlyList<long> MutualConnections(long memberId, long viewerId) =>
        _graph.MutualConnections(EnsureExists(memberId), EnsureExists(viewerId));

    /// <summary>How far <paramref name="viewerId"/> is from <paramref name="memberId"/> in the connection graph.</summary>
    public Degree DegreeOf(long memberId, long viewerId) => _graph.DegreeOf(EnsureExists(memberId), EnsureExists(viewerId));

    /// <summary>
    /// Whether a member is online and when they were last seen, as of <paramref name="now"/>: the
    /// same answer for the same id and instant in every process. Defined for any id (the Presence
    /// grain does not know the member range).
    /// </summary>
    public static Presence Presence(long memberId, DateTimeOffset now) => PresenceGenerator.Generate(memberId, now);

    /// <summary>Presence as of <see cref="Epoch"/>, fully deterministic.</summary>
    public static Presence Presence(long memberId) => Presence(memberId, Epoch);

    private Persona PersonaOf(long memberId) => Persona.Of(EnsureExists(memberId));

    private long EnsureExists(long memberId) =>
        Exists(memberId)
            ? memberId
            : throw new ArgumentOutOfRangeException(nameof(memberId), memberId, $"Member {memberId} is outside [{_range.MinId}, {_range.MaxId}].");
}
