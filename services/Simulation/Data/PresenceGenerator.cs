using Profiles.Contracts.Grains;

namespace Profiles.Simulation.Data;

/// <summary>About a quarter of members are online; the others were last seen minutes to weeks ago.</summary>
internal static class PresenceGenerator
{
    private const int TypicalMinutesAway = 180;
    private const int MaxMinutesAway = 30 * 24 * 60;

    public static Presence Generate(long memberId, DateTimeOffset now)
    {
        var random = Seed.For(memberId, Seed.Section.Presence);
        return random.Chance(0.25)
            ? new Presence(Online: true, LastSeen: now)
            : new Presence(Online: false, LastSeen: now - TimeSpan.FromMinutes(1 + random.HeavyTailed(TypicalMinutesAway, MaxMinutesAway)));
    }
}
