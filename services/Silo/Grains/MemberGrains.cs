using Profiles.Simulation.Data;

namespace Profiles.Silo.Grains;

internal static class MemberGrains
{
    /// <summary>
    /// A grain exists for every key, a member does not: a view of member 999999999 must not be
    /// recorded, nor its presence invented, just because someone asked.
    /// </summary>
    public static void RequireMember(MemberRangeOptions members, long memberId)
    {
        if (!members.Contains(memberId))
        {
            throw new KeyNotFoundException($"There is no member {memberId}.");
        }
    }
}
