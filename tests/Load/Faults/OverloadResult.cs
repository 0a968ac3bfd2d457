using Profiles.Load.Driving;
using Profiles.Load.Measurement;

namespace Profiles.Load.Faults;

/// <summary>The answers of the overload scenario's three phases, on one clock, and what they say.</summary>
public sealed record OverloadResult(
    double Capacity, double BurstFrom, double BurstTo, TimeSpan Budget,
    IReadOnlyList<Answer> Before, IReadOnlyList<Answer> Burst, IReadOnlyList<Answer> After,
    IReadOnlyList<RunStats> CapacityRuns, Observation Observation)
{
    public IEnumerable<(string Name, double Offered, IReadOnlyList<Answer> Answers)> Phases =>
    [
        ("half the capacity", Capacity / 2, Before),
        ("burst", Burst.Count / Math.Max(0.001, BurstTo - BurstFrom), Burst),
        ("half the capacity again", Capacity / 2, After),
    ];

    /// <summary>Whether <paramref name="seconds"/> on the run's clock fall within the burst.</summary>
    public bool InBurst(double seconds) => seconds >= BurstFrom && seconds <= BurstTo;

    /// <summary>
    /// Seconds from the burst's end to the start of the first whole second of the phase after it
    /// from which on every second satisfies <paramref name="normal"/>; null if the phase never settled.
    /// </summary>
    public double? SecondsUntil(Func<IReadOnlyList<Answer>, bool> normal)
    {
        var seconds = After.GroupBy(answer => (int)Math.Floor(answer.DueSeconds - BurstTo))
            .OrderBy(group => group.Key)
            .Select(group => (Second: group.Key, Normal: normal([.. group])))
            .ToList();
        var lastAbnormal = seconds.Where(second => !second.Normal).Select(second => (int?)second.Second).LastOrDefault();
        return lastAbnormal is null ? 0
            : lastAbnormal == seconds[^1].Second ? null
            : lastAbnormal + 1;
    }
}
