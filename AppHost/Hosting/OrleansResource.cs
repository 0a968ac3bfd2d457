namespace Profiles.AppHost.Hosting;

/// <summary>
/// An Orleans cluster: the silos that reference it host it, the clients that reference
/// <see cref="OrleansResourceExtensions.AsClient"/> connect to it. Every Orleans configuration key
/// the AppHost injects is written in this file.
/// </summary>
public sealed class OrleansResource(string name) : IResource
{
    public const string SiloEndpointName = "orleans-silo";
    public const string GatewayEndpointName = "orleans-gateway";

    public string Name { get; } = name;

    public string ClusteringProviderType { get; internal set; } = "Development";

    /// <summary>Grain storage provider type by storage name.</summary>
    public IDictionary<string, string> GrainStorage { get; } = new Dictionary<string, string>();

    public IList<ProjectResource> Silos { get; } = [];

    internal void AddClusterConfiguration(IDictionary<string, string> environment)
    {
        environment["Orleans__ClusterId"] = Name;
        environment["Orleans__ServiceId"] = Name;
        environment["Orleans__Clustering__ProviderType"] = ClusteringProviderType;
        environment["Orleans__EnableDistributedTracing"] = "true";
    }

    internal void AddSiloConfiguration(ProjectResource silo, int replica, IDictionary<string, string> environment)
    {
        AddClusterConfiguration(environment);
        environment["Orleans__Endpoints__SiloPort"] = silo.GetEndpoint(SiloEndpointName, replica).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Orleans__Endpoints__GatewayPort"] = silo.GetEndpoint(GatewayEndpointName, replica).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Orleans__Endpoints__AdvertisedIPAddress"] = AllocatedEndpoint.Host;

        // Development clustering has no membership table: every other silo joins through the first.
        var primary = Silos[0].GetEndpoint(SiloEndpointName);
        if (silo != Silos[0] || replica > 0)
        {
            environment["Orleans__Clustering__PrimarySiloEndPoint"] = primary.HostAndPort;
        }

        foreach (var (storageName, providerType) in GrainStorage)
        {
            environment[$"Orleans__GrainStorage__{storageName}__ProviderType"] = providerType;
        }
    }

    internal void AddClientConfiguration(IDictionary<string, string> environment)
    {
        AddClusterConfiguration(environment);
        var gateways = Silos.SelectMany(silo => Enumerable.Range(0, silo.Replicas).Select(replica => silo.GetEndpoint(GatewayEndpointName, replica)));
        foreach (var (gateway, index) in gateways.Select((gateway, index) => (gateway, index)))
        {
            environment[$"Orleans__Clustering__Gateways__{index}"] = gateway.HostAndPort;
        }
    }
}

/// <summary>What a project references to be an Orleans client of the cluster rather than a silo.</summary>
public sealed record OrleansClientReference(OrleansResource Orleans);

public static class OrleansResourceExtensions
{
    /// <summary>Adds an Orleans cluster whose cluster id and service id are <paramref name="name"/>.</summary>
    public static IResourceBuilder<OrleansResource> AddOrleans(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new OrleansResource(name));

    public static IResourceBuilder<OrleansResource> WithDevelopmentClustering(this IResourceBuilder<OrleansResource> builder)
    {
        builder.Resource.ClusteringProviderType = "Development";
        return builder;
    }

    public static IResourceBuilder<OrleansResource> WithMemoryGrainStorage(this IResourceBuilder<OrleansResource> builder, string name)
    {
        builder.Resource.GrainStorage[name] = "Memory";
        return builder;
    }

    public static OrleansClientReference AsClient(this IResourceBuilder<OrleansResource> builder) => new(builder.Resource);

    /// <summary>Makes the project a silo of the cluster, with its own silo and gateway ports per replica.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<OrleansResource> orleans)
    {
        builder.WithEndpoint(OrleansResource.SiloEndpointName, EndpointKind.Tcp);
        builder.WithEndpoint(OrleansResource.GatewayEndpointName, EndpointKind.Tcp);
        orleans.Resource.Silos.Add(builder.Resource);
        builder.Resource.EnvironmentCallbacks.Add(context =>
            orleans.Resource.AddSiloConfiguration(context.Resource, context.Replica, context.Environment));
        return builder;
    }

    /// <summary>Makes the project a client of the cluster, connecting through the gateways of every silo replica.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, OrleansClientReference orleans)
    {
        builder.Resource.EnvironmentCallbacks.Add(context => orleans.Orleans.AddClientConfiguration(context.Environment));
        return builder;
    }
}
