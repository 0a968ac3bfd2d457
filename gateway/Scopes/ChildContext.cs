namespace Profiles.Gateway.Scopes;

/// <summary>
/// What a child sees of its scope: the token to observe, and the absolute deadline to hand to the
/// next hop (a gRPC call's <c>Deadline</c>) so the callee stops when we stop waiting.
/// </summary>
public sealed class ChildContext(string name, DateTime deadlineUtc, CancellationToken cancellationToken)
{
    private int _attempts;
    private int _hedged;

    public string Name { get; } = name;

    /// <summary>Fires at the earlier of the child's timeout and the scope's deadline, on client disconnect, and when a required sibling fails.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public DateTime DeadlineUtc { get; } = deadlineUtc;

    /// <summary>Calls made to the backend (retries and hedges count); 0 when an open circuit allowed none.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Whether a hedged attempt, rather than the first, produced the result.</summary>
    public bool HedgeWon => Volatile.Read(ref _hedged) == 1;

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public void RecordHedgeWon() => Volatile.Write(ref _hedged, 1);
}
