namespace Profiles.Contracts.Grains;

/// <summary>
/// The caller's deadline, carried to a grain in Orleans' <c>RequestContext</c> as gRPC carries
/// <c>grpc-timeout</c>. Orleans gives a grain call no deadline beyond the caller's own response
/// timeout, and its cancellation is a separate message: one that overtakes its call finds nothing
/// to cancel and is retried only a second later, and not at all once the caller's process is gone.
/// The deadline bounds the work in those cases too.
/// </summary>
/// <remarks>
/// An absolute instant, so that each attempt and each hop reads the same one however long it waited
/// to be sent. That asks the hosts' clocks to agree, as they do here on one machine; across machines
/// gRPC sends the time remaining instead, and this would have to as well.
/// </remarks>
public static class GrainCallDeadline
{
    /// <summary>The <c>RequestContext</c> key: the deadline's UTC ticks.</summary>
    public const string Key = "deadline";

    /// <summary>Sets the deadline for the grain calls of this async flow; none, for a call without one.</summary>
    public static void Set(DateTime deadlineUtc)
    {
        if (deadlineUtc != DateTime.MaxValue)
        {
            RequestContext.Set(Key, deadlineUtc.ToUniversalTime().Ticks);
        }
    }

    /// <summary>The deadline the caller set, if any.</summary>
    public static DateTimeOffset? Get() =>
        RequestContext.Get(Key) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}
