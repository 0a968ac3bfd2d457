namespace Profiles.Simulation.Data;

/// <summary>The <c>Members</c> configuration section: which member ids exist.</summary>
public sealed class MemberRangeOptions
{
    public const string SectionName = "Members";

    public long MinId { get; set; } = 1;

    public long MaxId { get; set; } = 100_000;

    public bool Contains(long memberId) => memberId >= MinId && memberId <= MaxId;
}
