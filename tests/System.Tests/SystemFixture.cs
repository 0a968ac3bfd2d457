using System.Net.Http.Json;
using System.Text.Json;
using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.System.Tests;

/// <summary>
/// The whole system, started once for every test of the collection: five backends, a silo and the
/// gateway, each a real process on free loopback ports, with no faults but the ones a test asks for.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public static readonly string[] Backends = ["members", "experience", "network", "skills", "activity", "silo"];

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: TestTimeouts.Within(180));
        await _app.WaitForHealthyAsync(TestTimeouts.Within(180));
        Gateway = _app.CreateHttpClient("gateway");
        Gateway.Timeout = TimeSpan.FromSeconds(60);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A backend's own count of its work (<c>/diagnostics/work</c>), by service.</summary>
    public async Task<Dictionary<string, WorkCounts>> WorkOfAsync(string resource, CancellationToken cancellationToken)
    {
        using var client = App.CreateHttpClient(resource);
        return await client.GetFromJsonAsync<Dictionary<string, WorkCounts>>("/diagnostics/work", JsonSerializerOptions.Web, cancellationToken)
            ?? [];
    }
}

public sealed record WorkCounts(long InFlight, long Completed, long Cancelled, long Failed);

[CollectionDefinition(nameof(WholeSystem))]
public sealed class WholeSystem : ICollectionFixture<SystemFixture>;
