using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Profiles.Simulation.Faults;

namespace Profiles.Services.Tests;

/// <summary>
/// A one-silo cluster on free loopback ports with <see cref="PresenceGrainStandIn"/>, for the
/// network service to reach through its ordinary Orleans client configuration.
/// </summary>
public sealed class PresenceSilo : IAsyncLifetime
{
    private const string ClusterId = "services-tests";

    private readonly IHost _host;
    private readonly int _gatewayPort = FreePort();

    public PresenceSilo()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), _gatewayPort, serviceId: ClusterId, clusterId: ClusterId));
        builder.Services.AddSingleton(new FaultInjector(Options.Create(new FaultOptions { AllowRequestOverrides = true }), new LiveFaults(), TimeProvider.System));
        builder.Services.AddSingleton<PresenceLookups>();
        _host = builder.Build();
    }

    public PresenceLookups Lookups => _host.Services.GetRequiredService<PresenceLookups>();

    /// <summary>The settings that point a client at this silo, as the AppHost would.</summary>
    public IReadOnlyDictionary<string, string> ClientSettings => new Dictionary<string, string>
    {
        ["Orleans:ClusterId"] = ClusterId,
        ["Orleans:ServiceId"] = ClusterId,
        ["Orleans:Clustering:ProviderType"] = "Development",
        ["Orleans:Clustering:Gateways:0"] = $"127.0.0.1:{_gatewayPort}",
    };

    public async ValueTask InitializeAsync() => await _host.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
