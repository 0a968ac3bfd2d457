using Profiles.Load.Scenarios;
using Profiles.Load.Target;

namespace Profiles.Load.Tests;

/// <summary>
/// The whole system, started once for every smoke run the way the harness starts it; on a busy
/// machine that takes minutes. Started as <c>fanout</c> and <c>cancel</c> need it, every service
/// on its own loopback port (<see cref="FanoutScenario.Requires"/>): the other suites start the
/// system as the AppHost does, behind DCP's proxies, and this start is the one that tries the other way.
/// </summary>
public sealed class LoadSystem : IAsyncLifetime
{
    private LoadTarget? _system;

    public LoadTarget System => _system ?? throw new InvalidOperationException("The system has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _system = await LoadTarget.StartAsync(new FanoutScenario().Requires, log: null, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(Smoke))]
public sealed class Smoke : ICollectionFixture<LoadSystem>;
