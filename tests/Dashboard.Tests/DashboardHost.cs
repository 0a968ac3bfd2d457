using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Dashboard.Tests;

/// <summary>
/// An AppHost with no resources, started through the test entry point: just the dashboard, on
/// free loopback ports, with a small export limit so that "too large" is cheap to send.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const int MaxExportBytes = 64 * 1024;

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The dashboard has not started.");

    public DashboardAccess Access => App.Dashboard;

    public static async Task<DistributedApplication> StartAsync(Action<IDictionary<string, string?>>? configure = null)
    {
        var builder = DistributedApplicationTestingBuilder.Create(options =>
        {
            options.Settings["Dashboard:MaxExportBytes"] = MaxExportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            configure?.Invoke(options.Settings);
        });
        var application = builder.Build();
        await application.StartAsync(TestContext.Current.CancellationToken);
        return application;
    }

    public async ValueTask InitializeAsync() => app = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(SharedDashboard))]
public sealed class SharedDashboard : ICollectionFixture<DashboardHost>;
