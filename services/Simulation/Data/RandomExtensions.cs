namespace Profiles.Simulation.Data;

internal static class RandomExtensions
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary><paramref name="count"/> distinct items, in random order.</summary>
    public static T[] PickDistinct<T>(this Random random, IReadOnlyList<T> items, int count)
    {
        var shuffled = items.ToArray();
        random.Shuffle(shuffled);
        return shuffled[..Math.Min(count, shuffled.Length)];
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>
    /// A heavy-tailed count: most draws are near <paramref name="typical"/>, a few are many times it,
    /// the way reactions and followers spread on a real network.
    /// </summary>
    public static int HeavyTailed(this Random random, int typical, int max)
    {
        var draw = typical * -Math.Log(1 - random.NextDouble()) / (1 - random.NextDouble() * 0.9);
        return (int)Math.Min(draw, max);
    }
}
