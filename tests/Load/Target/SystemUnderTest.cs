using System.Net.Http.Json;
using System.Text.Json;
using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.Load.Target;

/// <summary>
/// The running system the harness drives: the gateway's URL always; the backends' diagnostics
/// and every process's id only when the harness started the system itself, through the AppHost's
/// test entry point (a URL given on the command line tells it nothing more than the gateway).
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    /// <summary>The processes that count <c>/diagnostics/work</c>: five gRPC backends and the silo.</summary>
    public static readonly string[] Backends = ["members", "experience", "network", "skills", "activity", "silo"];

    private readonly DistributedApplication? _app;

    private SystemUnderTest(Uri gateway, DistributedApplication? app)
    {
        Gateway = gateway;
        _app = app;
    }

    public Uri Gateway { get; }

    /// <summary>Whether backends and processes can be observed (the harness started the system).</summary>
    public bool IsObservable => _app is not null;

    /// <summary>
    /// Starts every process on free loopback ports, with no faults but those a request's
    /// <c>x-fault</c> asks for, and waits until all are healthy.
    /// </summary>
    public static async Task<SystemUnderTest> StartAsync(Action<string>? log, CancellationToken cancellationToken)
    {
        var app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: cancellationToken);
        try
        {
            await app.WaitForHealthyAsync(cancellationToken);
            var gateway = app.GetEndpoint("gateway");
            log?.Invoke($"system started; gateway at {gateway}");
            return new SystemUnderTest(gateway, app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A system someone else started; only loopback addresses are accepted.</summary>
    public static SystemUnderTest Attach(Uri gateway) =>
        gateway.IsLoopback
            ? new SystemUnderTest(gateway, app: null)
            : throw new ArgumentException($"The harness drives loopback only; '{gateway}' is not.", nameof(gateway));

    /// <summary>Each resource's process ids now (a resource with replicas has several).</summary>
    public IReadOnlyDictionary<string, int[]> ProcessIds() =>
        _app is null
            ? new Dictionary<string, int[]>()
            : _app.ResourceNotifications.GetSnapshots()
                .Where(snapshot => snapshot.ProcessId is not null)
                .GroupBy(snapshot => snapshot.ResourceName)
                .ToDictionary(group => group.Key, group => group.Select(snapshot => snapshot.ProcessId!.Value).ToArray());

    /// <summary>Every backend's own count of its work, by service (the silo counts two: views and presence).</summary>
    public async Task<Dictionary<string, WorkCounts>> WorkAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, WorkCounts>(StringComparer.Ordinal);
        foreach (var backend in ObservableBackends())
        {
            var work = await client.GetFromJsonAsync<Dictionary<string, WorkCounts>>(
                new Uri(backend, "/diagnostics/work"), JsonSerializerOptions.Web, cancellationToken) ?? [];
            foreach (var (service, counts) in work)
            {
                all[service] = all.TryGetValue(service, out var sum) ? sum + counts : counts;
            }
        }

        return all;
    }

    /// <summary>When each backend service last observed a cancellation.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> LastCancellationsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var backend in ObservableBackends())
        {
            var observed = await client.GetFromJsonAsync<Dictionary<string, DateTimeOffset>>(
                new Uri(backend, "/diagnostics/work/cancellations"), JsonSerializerOptions.Web, cancellationToken) ?? [];
            foreach (var (service, at) in observed)
            {
                all[service] = all.TryGetValue(service, out var other) && other > at ? other : at;
            }
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private IEnumerable<Uri> ObservableBackends()
    {
        if (_app is null)
        {
            yield break;
        }

        foreach (var backend in Backends)
        {
            foreach (var replica in Enumerable.Range(0, _app.ResourceNotifications.GetSnapshots().Count(snapshot => snapshot.ResourceName == backend)))
            {
                yield return _app.GetEndpoint(backend, replica: replica);
            }
        }
    }
}
