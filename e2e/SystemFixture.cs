using Microsoft.Playwright;
using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.E2E;

/// <summary>
/// The whole system and one headless Chromium, started once for every test of the collection.
/// Each test gets its own browser context (<see cref="BrowserTest"/>), so tests share processes, not state.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private DistributedApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public Uri GatewayUrl => App.GetEndpoint("gateway");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumLauncher.Options());

        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: startup.Token);
        await _app.WaitForHealthyAsync(startup.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(BrowserAndSystem))]
public sealed class BrowserAndSystem : ICollectionFixture<SystemFixture>;
