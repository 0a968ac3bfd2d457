using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Profiles.AppHost.Dashboard;
using Profiles.AppHost.Hosting.Orchestration;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Hosting;

/// <summary>The running app model: a host whose orchestrator starts and supervises every resource, and which serves the dashboard.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IHost host;
    private readonly Orchestrator orchestrator;

    internal DistributedApplication(IHost host)
    {
        this.host = host;
        orchestrator = host.Services.GetRequiredService<Orchestrator>();
    }

    public IServiceProvider Services => host.Services;

    public ResourceNotificationService ResourceNotifications => host.Services.GetRequiredService<ResourceNotificationService>();

    public IConsoleLogs ConsoleLogs => host.Services.GetRequiredService<IConsoleLogs>();

    /// <summary>The dashboard's URLs, its login token and its keys.</summary>
    public DashboardAccess Dashboard => host.Services.GetRequiredService<DashboardAccess>();

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new(EntryPointInterception.Current?.ApplyTo(options) ?? options);

    /// <summary>Runs until Ctrl+C or SIGTERM, then stops every child.</summary>
    public void Run() => host.Run();

    public Task RunAsync(CancellationToken cancellationToken = default) => host.RunAsync(cancellationToken);

    /// <summary>Starts the resources that wait for nothing; the others follow as their dependencies turn healthy.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => host.StopAsync(cancellationToken);

    public Task WaitForHealthyAsync(CancellationToken cancellationToken = default) =>
        ResourceNotifications.WaitForAllHealthyAsync(cancellationToken);

    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        ResourceNotifications.WaitForResourceHealthyAsync(resourceName, cancellationToken);

    public Uri GetEndpoint(string resourceName, string endpointName = ProjectResource.HttpEndpointName, int replica = 0) =>
        orchestrator.GetResource(resourceName).GetEndpoint(endpointName, replica).Url;

    public HttpClient CreateHttpClient(string resourceName, string endpointName = ProjectResource.HttpEndpointName) =>
        new() { BaseAddress = GetEndpoint(resourceName, endpointName) };

    /// <summary>A client of the dashboard's JSON API (<c>/api/telemetry/...</c>), sending its API key.</summary>
    public HttpClient CreateDashboardClient()
    {
        var client = new HttpClient { BaseAddress = Dashboard.Url };
        client.DefaultRequestHeaders.Add(DashboardAccess.ApiKeyHeader, Dashboard.ApiKey);
        return client;
    }

    public Task StopResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        orchestrator.StopResourceAsync(resourceName, cancellationToken);

    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        orchestrator.StartResourceAsync(resourceName, cancellationToken);

    public Task RestartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        orchestrator.RestartResourceAsync(resourceName, cancellationToken);

    /// <summary>The process ids of the children running now.</summary>
    public IReadOnlyList<int> GetProcessIds() => orchestrator.GetProcessIds();

    /// <summary>Stops every child and waits for it to exit, whether or not the host was started or stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await orchestrator.StopAsync(CancellationToken.None);
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
