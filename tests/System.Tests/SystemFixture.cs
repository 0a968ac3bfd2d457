using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>
/// The whole system, started once for every test of the collection, with the dashboard so that
/// the telemetry tests can read what every process sent it, and no faults but those a test asks for.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    private DistributedSystem? _system;

    public DistributedSystem System => _system ?? throw new InvalidOperationException("The system has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>How the collection's system is started.</summary>
    protected virtual SystemOptions Options => new() { Dashboard = true };

    public async ValueTask InitializeAsync()
    {
        _system = await DistributedSystem.StartAsync(Options, TestTimeouts.Within(300));
        Gateway = _system.CreateGatewayClient();
        Gateway.Timeout = TimeSpan.FromSeconds(60);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
