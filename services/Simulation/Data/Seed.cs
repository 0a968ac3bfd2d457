namespace Profiles.Simulation.Data;

/// <summary>
/// Where every random choice about a member comes from. Each section of a profile draws from its
/// own stream (its <see cref="Section"/>), so adding a field to one section never reshuffles another.
/// </summary>
internal static class Seed
{
    public enum Section
    {
        Persona = 1,
        Headline,
        Experience,
        Education,
        Skills,
        Feed,
        Network,
        Presence,
    }

    /// <summary>
    /// A generator that yields the same sequence for the same member and section on every run and
    /// machine: <see cref="Random(int)"/> with an explicit seed uses a fixed, documented algorithm.
    /// </summary>
    public static Random For(long memberId, Section section) => new((int)Hash(memberId, section));

    /// <summary>One value in [0, 1) for a member and section, for hot paths where a whole generator costs too much.</summary>
    public static double Fraction(long memberId, Section section) => ToFraction(Hash(memberId, section));

    /// <summary>A value in [0, 1) that depends on the unordered pair {a, b} only.</summary>
    public static double ForPair(long a, long b)
    {
        var (low, high) = a < b ? (a, b) : (b, a);
        return ToFraction(Mix(Mix((ulong)low) ^ (ulong)high));
    }

    private static ulong Hash(long memberId, Section section) => Mix((ulong)memberId * 0x9E3779B97F4A7C15UL + (ulong)section);

    private static double ToFraction(ulong value) => (value >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64's finalizer: nearby inputs give unrelated outputs.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
