using Profiles.Load.Scenarios;
using Profiles.Load.Target;

namespace Profiles.Load.Tests;

/// <summary>
/// The whole system as the fault scenarios need it (the <c>realistic</c> fault profile), started
/// once for both: the chaos scenario kills and restarts its processes, so it is not the one the
/// other smoke runs share. Chaos's options, with the gateway off DCP's proxy as overload needs it
/// (<see cref="OverloadScenario.Requires"/>).
/// </summary>
public sealed class RealisticSystem : IAsyncLifetime
{
    private LoadTarget? _system;

    public LoadTarget System => _system ?? throw new InvalidOperationException("The system has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _system = await LoadTarget.StartAsync(new ChaosScenario().Requires with { GatewayUnproxied = true }, log: null, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(Faults))]
public sealed class Faults : ICollectionFixture<RealisticSystem>;
