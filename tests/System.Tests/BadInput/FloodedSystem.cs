using Profiles.Fixtures;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// A system of its own for the fuzz. Its fifteen thousand requests leave the dashboard a backlog of
/// the gateway's spans that took it over a minute to take in (docs/reliability.md, "Bad input"),
/// and a test that reads a trace back from a shared dashboard would wait behind that backlog.
/// </summary>
[CollectionDefinition(nameof(FloodedSystem))]
public sealed class FloodedSystem : ICollectionFixture<FloodedSystemFixture>;

/// <summary>
/// The fuzz's system admits every request the fuzz keeps in flight at once: its admission limit
/// never falls below them. The fuzz asks how the gateway treats what it is sent, not whether it
/// sheds load; a gateway just started, still compiling, cuts its limit and refuses with 503 what
/// would wait a second (docs/reliability.md, "Overload"), and on a clean clone one such refusal
/// failed the fuzz's warm-up. Shedding is tested where load is the point (tests/Load.Tests).
/// </summary>
public sealed class FloodedSystemFixture : SystemFixture
{
    protected override SystemOptions Options => base.Options with
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["Admission:MinConcurrentFanOuts"] = HostileInputTests.InFlight.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
