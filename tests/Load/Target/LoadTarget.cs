using System.Net.Http.Json;
using System.Text.Json;
using Profiles.Fixtures;

namespace Profiles.Load.Target;

/// <summary>
/// The running system the harness drives: the gateway's URL always; the backends' counters and
/// every process only when the harness started the system itself through the fixture library (a
/// URL given on the command line tells it nothing more than the gateway).
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private LoadTarget(Uri gateway, DistributedSystem? system)
    {
        Gateway = gateway;
        System = system;
    }

    public Uri Gateway { get; }

    /// <summary>The system the harness started, or null when it was given a URL.</summary>
    public DistributedSystem? System { get; }

    /// <summary>How the harness started the system, or null when it was given a URL.</summary>
    public SystemOptions? Options => System?.Options;

    /// <summary>Whether backends and processes can be observed (the harness started the system).</summary>
    public bool IsObservable => System is not null;

    /// <summary>Starts the whole system as a scenario needs it (<see cref="Scenarios.IScenario.Requires"/>).</summary>
    public static async Task<LoadTarget> StartAsync(SystemOptions options, Action<string>? log, CancellationToken cancellationToken)
    {
        var system = await DistributedSystem.StartAsync(options, cancellationToken);
        log?.Invoke($"system started; gateway at {system.GatewayUrl}");
        return new LoadTarget(system.GatewayUrl, system);
    }

    /// <summary>A system someone else started; only loopback addresses are accepted.</summary>
    public static LoadTarget Attach(Uri gateway) =>
        gateway.IsLoopback
            ? new LoadTarget(gateway, system: null)
            : throw new ArgumentException($"The harness drives loopback only; '{gateway}' is not.", nameof(gateway));

    /// <summary>
    /// Each resource's service processes now (a resource with replicas has several): DCP runs a
    /// project as <c>dotnet run</c>, whose memory and CPU are not the service's, so its child stands for it.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> ProcessIds() =>
        System is null
            ? new Dictionary<string, int[]>()
            : System.ProcessIds()
                .Where(pair => DistributedSystem.Resources.Contains(pair.Key))
                .ToDictionary(
                    pair => pair.Key,
                    pair => pair.Value.Select(ServiceProcessOf).ToArray());

    /// <summary>The launcher's first child, or the process itself when it runs no child (Redis, the dashboard).</summary>
    public static int ServiceProcessOf(int launcher) =>
        LinuxProcess.WithDescendants([launcher]).Skip(1).Select(process => process.Id).DefaultIfEmpty(launcher).First();

    /// <summary>Every backend's own count of its work, by service (the silo counts two: views and presence).</summary>
    public async Task<Dictionary<string, WorkCounts>> WorkAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, WorkCounts>(StringComparer.Ordinal);
        foreach (var backend in ObservedBackends())
        {
            foreach (var (service, counts) in await System!.WorkOfAsync(backend, cancellationToken))
            {
                all[service] = counts;
            }
        }

        return all;
    }

    /// <summary>When each backend service last observed a cancellation, over all its replicas.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> LastCancellationsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var replica in ObservedBackends().SelectMany(backend => System!.ReplicaUrls(backend)))
        {
            var observed = await client.GetFromJsonAsync<Dictionary<string, DateTimeOffset>>(
                new Uri(replica, "/diagnostics/work/cancellations"), JsonSerializerOptions.Web, cancellationToken) ?? [];
            foreach (var (service, at) in observed)
            {
                all[service] = all.TryGetValue(service, out var other) && other > at ? other : at;
            }
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }

    private string[] ObservedBackends() => System is null ? [] : DistributedSystem.Backends;
}
