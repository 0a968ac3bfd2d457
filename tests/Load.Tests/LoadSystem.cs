using Profiles.Load.Target;

namespace Profiles.Load.Tests;

/// <summary>The whole system, started once for every smoke run the way the harness starts it; on a busy machine that takes minutes.</summary>
public sealed class LoadSystem : IAsyncLifetime
{
    private LoadTarget? _system;

    public LoadTarget System => _system ?? throw new InvalidOperationException("The system has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _system = await LoadTarget.StartAsync(new Fixtures.SystemOptions(), log: null, timeout.Token);
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
