namespace Profiles.AppHost.Hosting;

/// <summary>A .NET project run as one process per replica.</summary>
public sealed class ProjectResource(string name, string projectPath) : IResource
{
    public const string HttpEndpointName = "http";

    private IReadOnlyList<IReadOnlyList<AllocatedEndpoint>> allocatedEndpoints = [];

    public string Name { get; } = name;

    public string ProjectPath { get; } = projectPath;

    public int Replicas { get; internal set; } = 1;

    /// <summary>Every project has an HTTP endpoint: the AppHost probes <c>/health</c> on it.</summary>
    public IList<EndpointAnnotation> Endpoints { get; } = [new(HttpEndpointName, EndpointKind.Http)];

    public IList<Action<EnvironmentCallbackContext>> EnvironmentCallbacks { get; } = [];

    /// <summary>The resources that must be healthy before this one starts.</summary>
    public IList<ProjectResource> WaitsFor { get; } = [];

    /// <summary>The endpoints of one replica, once <see cref="DistributedApplicationBuilder.Build"/> gave them ports.</summary>
    public IReadOnlyList<AllocatedEndpoint> GetEndpoints(int replica) =>
        replica >= 0 && replica < allocatedEndpoints.Count
            ? allocatedEndpoints[replica]
            : throw new ArgumentOutOfRangeException(nameof(replica), replica, $"'{Name}' has {allocatedEndpoints.Count} allocated replica(s).");

    public AllocatedEndpoint GetEndpoint(string endpointName, int replica = 0) =>
        GetEndpoints(replica).SingleOrDefault(endpoint => endpoint.Name == endpointName)
            ?? throw new ArgumentException($"'{Name}' has no endpoint named '{endpointName}'.", nameof(endpointName));

    public override string ToString() => Name;

    internal void AllocateEndpoints(IReadOnlyList<IReadOnlyList<AllocatedEndpoint>> endpointsByReplica) =>
        allocatedEndpoints = endpointsByReplica;
}
