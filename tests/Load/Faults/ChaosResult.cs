using Profiles.Load.Measurement;

namespace Profiles.Load.Faults;

/// <summary>
/// What the chaos scenario found: each phase's answers (the first, <c>steady</c>, before any fault),
/// each phase's views against what the grains held at the end, what Aspire did with the processes
/// killed, how soon the killed backend's breaker opened (seconds, null if it never did), the
/// answers while a backend hung and the gateway's working set before and during the hang (MB).
/// </summary>
public sealed record ChaosResult(
    double Rate,
    int Members,
    TimeSpan Budget,
    IReadOnlyList<FaultWindow> Windows,
    IReadOnlyList<ViewLedger> Ledgers,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> StartedByTheHarness,
    double? BreakerOpenedAfter,
    FaultWindow Hang,
    (double Before, double Peak) GatewayMemory,
    GatewayRuntime GatewayRuntime);
