namespace Profiles.Gateway.Profiles;

/// <summary>One validated profile request.</summary>
public sealed record ProfileQuery(
    long MemberId,
    long ViewerId,
    FanOutMode Mode,
    TimeSpan Budget,
    int Posts,
    bool Hedging,
    string? FaultHeader);
