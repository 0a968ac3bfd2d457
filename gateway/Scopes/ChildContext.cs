namespace Profiles.Gateway.Scopes;

/// <summary>
/// What a child sees of its scope: the token to observe, which fires at the earlier of the child's
/// timeout and the scope's deadline, on client disconnect and when a required sibling fails; and
/// the absolute deadline to hand to the next hop, so that the callee stops when we stop waiting.
/// </summary>
/// <param name="TimeUp">
/// Fires at the earlier of the child's timeout and the scope's deadline, and on nothing else: it
/// tells a child stopped because its time was up from one stopped for another reason. Asked of the
/// timers, not the clock, which they may run a few milliseconds ahead of (PartPipeline).
/// </param>
public readonly record struct ChildContext(DateTime DeadlineUtc, CancellationToken CancellationToken, CancellationToken TimeUp);
