namespace Profiles.Fixtures;

/// <summary>A backend's own count of its work for one service, as <c>/diagnostics/work</c> reports it.</summary>
public sealed record WorkCounts(long InFlight, long Completed, long Cancelled, long Failed)
{
    public static readonly WorkCounts None = new(0, 0, 0, 0);

    /// <summary>Calls the service received, however they ended: retries and hedges each count.</summary>
    public long Attempts => InFlight + Completed + Cancelled + Failed;

    public static WorkCounts operator +(WorkCounts left, WorkCounts right) =>
        new(left.InFlight + right.InFlight, left.Completed + right.Completed, left.Cancelled + right.Cancelled, left.Failed + right.Failed);

    public static WorkCounts operator -(WorkCounts later, WorkCounts earlier) =>
        new(later.InFlight - earlier.InFlight, later.Completed - earlier.Completed, later.Cancelled - earlier.Cancelled, later.Failed - earlier.Failed);
}
