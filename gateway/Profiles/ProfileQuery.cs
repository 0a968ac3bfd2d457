namespace Profiles.Gateway.Profiles;

/// <summary>One validated profile request.</summary>
public sealed record ProfileQuery(
    long MemberId,
    long ViewerId,
    FanOutMode Mode,
    TimeSpan Budget,
    int Posts,
    bool Hedging,
    string? FaultHeader)
{
    /// <summary>
    /// The view this request records: every attempt of the views part, retries and hedges alike,
    /// carries it, so the grain counts the request once however many of them reach it. The client's
    /// <c>Idempotency-Key</c> when it sends one (<see cref="ProfileQueryParser.IdempotencyKeyHeader"/>),
    /// so that the request sent again counts once too; otherwise made once per request, rather than
    /// taken from the trace id: that comes from the client's <c>traceparent</c> when it sends one,
    /// and one client trace may well span several views.
    /// </summary>
    public Guid ViewId { get; init; } = Guid.NewGuid();
}
