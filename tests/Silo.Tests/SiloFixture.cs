using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Profiles.Simulation;
using Profiles.Simulation.Work;

namespace Profiles.Silo.Tests;

/// <summary>
/// One in-process silo and client, shared by every test of the <see cref="SharedSilo"/>, set up
/// like the real silo: the simulation, the backend filter and a grain storage named "Default" (in
/// memory, <see cref="HeldWritesStorage"/>). Faults come only from the tests' own <c>x-fault</c> values.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private const string MemoryStorage = "Memory";

    private static readonly Dictionary<string, string?> TestConfiguration = new()
    {
        ["Faults:Profile"] = "none",
        ["Faults:AllowRequestOverrides"] = "true",
    };

    public InProcessTestCluster Cluster { get; } = BuildCluster();

    public IClusterClient Client => Cluster.Client;

    public HeldWritesStorage Storage =>
        (HeldWritesStorage)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");

    public BackendWorkSnapshot WorkOf(string part) =>
        Cluster.Silos[0].ServiceProvider.GetRequiredService<BackendWork>().Snapshot()
            .GetValueOrDefault(part, new BackendWorkSnapshot(0, 0, 0, 0));

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    private static InProcessTestCluster BuildCluster()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(TestConfiguration);
            host.AddSimulation();
        });
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(MemoryStorage)
            .AddIncomingGrainCallFilter<SimulatedBackendFilter>()
            .Services.AddKeyedSingleton<IGrainStorage>("Default", (services, _) =>
                new HeldWritesStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage))));
        return builder.Build();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSilo : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
