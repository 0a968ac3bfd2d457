using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Tests;

/// <summary>What each replica is told, checked without starting a process.</summary>
public sealed class ReplicaEnvironmentTests
{
    [Fact]
    public async Task Silos_get_ports_of_their_own_and_join_the_first_clients_get_every_gateway()
    {
        var builder = StandIns.CreateBuilder();
        var orleans = builder.AddOrleans("profiles").WithDevelopmentClustering().WithMemoryGrainStorage("Default");
        var silo = builder.AddProject("silo", StandIns.ProjectPath).WithReference(orleans).WithReplicas(2);
        var client = builder.AddProject("client", StandIns.ProjectPath).WithReference(orleans.AsClient());
        await using var app = builder.Build();

        var primary = EnvironmentOf(app, silo.Resource, 0);
        var secondary = EnvironmentOf(app, silo.Resource, 1);
        var clientEnvironment = EnvironmentOf(app, client.Resource, 0);

        foreach (var environment in new[] { primary, secondary, clientEnvironment })
        {
            Assert.Equal("profiles", environment["Orleans__ClusterId"]);
            Assert.Equal("profiles", environment["Orleans__ServiceId"]);
            Assert.Equal("Development", environment["Orleans__Clustering__ProviderType"]);
            Assert.Equal("true", environment["Orleans__EnableDistributedTracing"]);
        }

        Assert.Equal(Port(silo.Resource, "orleans-silo", 0), primary["Orleans__Endpoints__SiloPort"]);
        Assert.Equal(Port(silo.Resource, "orleans-gateway", 1), secondary["Orleans__Endpoints__GatewayPort"]);
        Assert.NotEqual(primary["Orleans__Endpoints__SiloPort"], secondary["Orleans__Endpoints__SiloPort"]);
        Assert.Equal("127.0.0.1", secondary["Orleans__Endpoints__AdvertisedIPAddress"]);
        Assert.DoesNotContain("Orleans__Clustering__PrimarySiloEndPoint", primary.Keys);
        Assert.Equal($"127.0.0.1:{Port(silo.Resource, "orleans-silo", 0)}", secondary["Orleans__Clustering__PrimarySiloEndPoint"]);
        Assert.Equal("Memory", primary["Orleans__GrainStorage__Default__ProviderType"]);
        Assert.Equal($"127.0.0.1:{Port(silo.Resource, "orleans-gateway", 0)}", clientEnvironment["Orleans__Clustering__Gateways__0"]);
        Assert.Equal($"127.0.0.1:{Port(silo.Resource, "orleans-gateway", 1)}", clientEnvironment["Orleans__Clustering__Gateways__1"]);
        Assert.DoesNotContain("Orleans__Endpoints__SiloPort", clientEnvironment.Keys);
    }

    [Fact]
    public async Task Endpoints_become_Kestrel_endpoints_and_telemetry_goes_to_the_configured_OTLP_endpoint()
    {
        var builder = StandIns.CreateBuilder(options => options.Settings["Dashboard:OtlpEndpoint"] = "http://localhost:18889");
        var backend = builder.AddProject("backend", StandIns.ProjectPath).WithGrpcEndpoint().WithEnvironment("Members__MaxId", "42");
        await using var app = builder.Build();

        var environment = EnvironmentOf(app, backend.Resource, 0);

        Assert.Equal(app.GetEndpoint("backend").ToString().TrimEnd('/'), environment["Kestrel__Endpoints__http__Url"]);
        Assert.Equal("Http1", environment["Kestrel__Endpoints__http__Protocols"]);
        Assert.Equal(app.GetEndpoint("backend", "grpc").ToString().TrimEnd('/'), environment["Kestrel__Endpoints__grpc__Url"]);
        Assert.Equal("Http2", environment["Kestrel__Endpoints__grpc__Protocols"]);
        Assert.Equal("http://localhost:18889", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("1000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("42", environment["Members__MaxId"]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), environment["APPHOST_PARENT_PID"]);
    }

    [Fact]
    public void Replicas_cannot_share_a_fixed_port()
    {
        var builder = StandIns.CreateBuilder(options => options.Settings["AppHost:RandomPorts"] = "false");
        builder.AddProject("web", StandIns.ProjectPath).WithHttpEndpoint(port: 5999).WithReplicas(2);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    private static Dictionary<string, string> EnvironmentOf(DistributedApplication app, ProjectResource project, int replica) =>
        ReplicaEnvironment.For(project, replica, app.Services.GetRequiredService<AppHostSettings>(), app.Services.GetRequiredService<IHostEnvironment>());

    private static string Port(ProjectResource project, string endpoint, int replica) =>
        project.GetEndpoint(endpoint, replica).Port.ToString(CultureInfo.InvariantCulture);
}
