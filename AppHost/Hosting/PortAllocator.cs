using System.Net;
using System.Net.Sockets;

namespace Profiles.AppHost.Hosting;

/// <summary>Gives every endpoint of every replica, and the AppHost's own, a port: its fixed one, or a free loopback port.</summary>
internal static class PortAllocator
{
    /// <returns>The AppHost's own endpoints (the dashboard's), with their ports, in the order given.</returns>
    public static IReadOnlyList<AllocatedEndpoint> Allocate(IEnumerable<ProjectResource> projects, IEnumerable<EndpointAnnotation> appHostEndpoints, bool randomPorts)
    {
        var taken = new HashSet<int>();
        var appHost = appHostEndpoints
            .Select(endpoint => new AllocatedEndpoint(endpoint.Name, endpoint.Kind, PortFor(endpoint, randomPorts, taken)))
            .ToList();
        foreach (var project in projects)
        {
            var fixedPort = project.Endpoints.FirstOrDefault(endpoint => endpoint.Port is not null);
            if (!randomPorts && project.Replicas > 1 && fixedPort is not null)
            {
                throw new InvalidOperationException(
                    $"'{project.Name}' has {project.Replicas} replicas, which cannot share the fixed port {fixedPort.Port} of its '{fixedPort.Name}' endpoint.");
            }

            var endpointsByReplica = Enumerable.Range(0, project.Replicas)
                .Select(_ => (IReadOnlyList<AllocatedEndpoint>)project.Endpoints
                    .Select(endpoint => new AllocatedEndpoint(endpoint.Name, endpoint.Kind, PortFor(endpoint, randomPorts, taken)))
                    .ToList())
                .ToList();
            project.AllocateEndpoints(endpointsByReplica);
        }

        return appHost;
    }

    private static int PortFor(EndpointAnnotation endpoint, bool randomPorts, HashSet<int> taken)
    {
        if (endpoint.Port is { } port && !randomPorts)
        {
            return taken.Add(port) ? port : throw new InvalidOperationException($"Port {port} is fixed for two endpoints.");
        }

        // The operating system can hand the same port out again once it is released: skip those.
        while (true)
        {
            var free = FreeLoopbackPort();
            if (taken.Add(free))
            {
                return free;
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
