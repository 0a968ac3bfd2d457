namespace Profiles.Gateway.Resilience;

/// <summary>
/// What one part's attempts did, for its entry in the response: how many calls went to the backend
/// (retries and hedges count; 0 when an open circuit allowed none), and whether a hedge rather than
/// the first attempt answered, and whether the backend's budget refused a hedge or a retry. Written
/// as the attempts go, so it is right however the fetch ends.
/// </summary>
public sealed class AttemptLog
{
    private int _count;
    private int _hedged;
    private int _refused;

    public int Count => Volatile.Read(ref _count);

    public bool Hedged => Volatile.Read(ref _hedged) == 1;

    /// <summary>Whether the backend's attempt budget said no to an extra attempt: why a slow part was not hedged.</summary>
    public bool BudgetRefused => Volatile.Read(ref _refused) == 1;

    internal void RecordAttempt() => Interlocked.Increment(ref _count);

    internal void RecordHedged() => Volatile.Write(ref _hedged, 1);

    internal void RecordRefused() => Volatile.Write(ref _refused, 1);
}
