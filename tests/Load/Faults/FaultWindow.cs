using Profiles.Load.Driving;

namespace Profiles.Load.Faults;

/// <summary>
/// What the steady load saw while one fault lasted: the answers due from <see cref="From"/> to
/// <see cref="To"/> (seconds on the load's clock), the fault struck at <see cref="StruckAt"/>, and
/// the parts the fault reaches. A second is disturbed when an answer in it was not a 200, or when
/// more than 5 % of its profiles had one of those parts not <c>ok</c>: the fault profile's own odd
/// error and slow call stay under that line.
/// </summary>
public sealed record FaultWindow(string Name, double From, double To, double StruckAt, IReadOnlyList<string> Parts, IReadOnlyList<Answer> Answers)
{
    private const double DisturbedShare = 0.05;

    /// <summary>Whether the load was undisturbed for two whole seconds before the phase ended.</summary>
    public bool Recovered { get; init; } = true;

    public IEnumerable<(int Second, IReadOnlyList<Answer> Answers)> Seconds =>
        Answers.GroupBy(answer => (int)Math.Floor(answer.DueSeconds))
            .OrderBy(group => group.Key)
            .Select(group => (group.Key, (IReadOnlyList<Answer>)[.. group]));

    public bool Hits(Answer answer) => !answer.IsOk || Parts.Any(part => answer.StatusOf(part) is { } status && status != "ok");

    public bool IsDisturbed(IReadOnlyList<Answer> second) =>
        second.Any(answer => !answer.IsOk) || second.Count(Hits) > DisturbedShare * second.Count;

    /// <summary>From the fault to the end of the last disturbed second, or zero when none was.</summary>
    public double RecoverySeconds =>
        Seconds.Where(second => second.Second >= Math.Floor(StruckAt) && IsDisturbed(second.Answers))
            .Select(second => second.Second + 1 - StruckAt)
            .DefaultIfEmpty(0)
            .Max();

    public long Errors => Answers.Count(answer => !answer.IsOk);

    public long Degraded => Answers.Count(answer => answer.IsOk && answer.Degraded);

    /// <summary>Answers whose parts named <paramref name="part"/> ended with <paramref name="status"/> (or, given, that error).</summary>
    public long CountOf(string part, string status, string? error = null) =>
        Answers.Count(answer => answer.Parts.TryGetValue(part, out var end) && end.Status == status && (error is null || end.Error == error));

    public int PeakPerSecond(Func<Answer, bool> which) => Seconds.Select(second => second.Answers.Count(which)).DefaultIfEmpty(0).Max();

    /// <summary>The first time after <paramref name="after"/> at which a profile's part ended with <paramref name="error"/>.</summary>
    public double? FirstSeen(string part, string error, double after) =>
        Answers.Where(answer => answer.DueSeconds >= after && answer.Parts.TryGetValue(part, out var end) && end.Error == error)
            .Select(answer => (double?)answer.DueSeconds)
            .FirstOrDefault();

    public double LatencyPercentileMs(double percentile, Func<Answer, bool> which) =>
        Percentiles.Of(Answers.Where(which).Select(answer => answer.LatencyMs), percentile);
}
