using Microsoft.Playwright;
using Profiles.Fixtures;

namespace Profiles.E2E;

/// <summary>
/// The whole system, its Aspire dashboard included, and one headless Chromium, started once for
/// every test of the collection. Each test gets its own browser context (<see cref="BrowserTest"/>),
/// so tests share processes, not state.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private DistributedSystem? _system;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DistributedSystem System => _system ?? throw new InvalidOperationException("The system has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public Uri GatewayUrl => System.GatewayUrl;

    public Uri DashboardUrl => System.DashboardUrl;

    /// <summary>The link the AppHost prints for a newcomer: it sets the dashboard's login cookie.</summary>
    public Uri LoginUrl => new(DashboardUrl, $"login?t={System.BrowserToken}");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumLauncher.Options());

        // Generous: a cold build of every project and DCP's start on a shared 2-core machine.
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _system = await DistributedSystem.StartAsync(new SystemOptions { Dashboard = true, Faults = "none" }, startup.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(BrowserAndSystem))]
public sealed class BrowserAndSystem : ICollectionFixture<SystemFixture>;
