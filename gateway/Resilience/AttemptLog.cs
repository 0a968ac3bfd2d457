namespace Profiles.Gateway.Resilience;

/// <summary>
/// What one part's attempts did, for its entry in the response: how many calls went to the backend
/// (retries and hedges count; 0 when an open circuit allowed none), and whether a hedge rather than
/// the first attempt answered. Written as the attempts go, so it is right however the fetch ends.
/// </summary>
public sealed class AttemptLog
{
    private int _count;
    private int _hedged;

    public int Count => Volatile.Read(ref _count);

    public bool Hedged => Volatile.Read(ref _hedged) == 1;

    internal void RecordAttempt() => Interlocked.Increment(ref _count);

    internal void RecordHedged() => Volatile.Write(ref _hedged, 1);
}
