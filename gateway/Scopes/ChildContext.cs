namespace Profiles.Gateway.Scopes;

/// <summary>
/// What a child sees of its scope: the token to observe, which fires at the earlier of the child's
/// timeout and the scope's deadline, on client disconnect and when a required sibling fails; and
/// the absolute deadline to hand to the next hop, so that the callee stops when we stop waiting.
/// </summary>
public readonly record struct ChildContext(DateTime DeadlineUtc, CancellationToken CancellationToken);
