namespace Profiles.AppHost.Hosting;

public static class ProjectResourceBuilderExtensions
{
    public const string GrpcEndpointName = "grpc";

    /// <summary>Sets the port of an HTTP endpoint, adding the endpoint if the project has none by that name.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(
        this IResourceBuilder<ProjectResource> builder, int? port = null, string name = ProjectResource.HttpEndpointName)
    {
        builder.WithEndpoint(name, EndpointKind.Http).Port = port;
        return builder;
    }

    /// <summary>Adds the HTTP/2-only endpoint a gRPC service listens on, named <c>grpc</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(
        this IResourceBuilder<ProjectResource> builder, int? port = null, string name = GrpcEndpointName)
    {
        builder.WithEndpoint(name, EndpointKind.Grpc).Port = port;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.EnvironmentCallbacks.Add(context => context.Environment[name] = value);
        return builder;
    }

    /// <summary>Sets a variable whose value is known only when the process starts, such as an address given at build.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, Func<string> value)
    {
        builder.Resource.EnvironmentCallbacks.Add(context => context.Environment[name] = value());
        return builder;
    }

    /// <summary>
    /// Tells the project where every endpoint of every replica of <paramref name="source"/> is, in
    /// the <c>services__{name}__{endpoint}__{i}</c> form Microsoft.Extensions.ServiceDiscovery reads,
    /// so that <c>http://_grpc.members</c> resolves to the members' grpc endpoints.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> source)
    {
        var referenced = source.Resource;
        builder.Resource.EnvironmentCallbacks.Add(context =>
        {
            for (var replica = 0; replica < referenced.Replicas; replica++)
            {
                foreach (var endpoint in referenced.GetEndpoints(replica).Where(endpoint => endpoint.Kind != EndpointKind.Tcp))
                {
                    context.Environment[$"services__{referenced.Name}__{endpoint.Name}__{replica}"] = endpoint.Url.ToString().TrimEnd('/');
                }
            }
        });
        return builder;
    }

    /// <summary>Starts this project only once every replica of <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> dependency)
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }

        return builder;
    }

    internal static EndpointAnnotation WithEndpoint(this IResourceBuilder<ProjectResource> builder, string name, EndpointKind kind)
    {
        var endpoint = builder.Resource.Endpoints.SingleOrDefault(endpoint => endpoint.Name == name);
        if (endpoint is null)
        {
            endpoint = new EndpointAnnotation(name, kind);
            builder.Resource.Endpoints.Add(endpoint);
        }
        else if (endpoint.Kind != kind)
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' already has a {endpoint.Kind} endpoint named '{name}'.");
        }

        return endpoint;
    }
}
