using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Profiles.Fixtures;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// The gateway as the bad-input tests meet it: its own Kestrel endpoint, the address DCP handed
/// it, rather than the proxy DCP puts in front, so a raw connection reaches Kestrel itself; and
/// its own process, below the <c>dotnet run</c> launcher that Aspire reports.
/// </summary>
internal sealed class GatewayUnderTest : IDisposable
{
    private GatewayUnderTest(Uri url, int launcherId, LinuxProcess process)
    {
        Url = url;
        LauncherId = launcherId;
        Process = process;
        Endpoint = new IPEndPoint(IPAddress.TryParse(url.Host, out var address) ? address : IPAddress.Loopback, url.Port);
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    public IPEndPoint Endpoint { get; }

    /// <summary>The process id the fixture reports for the gateway: its launcher's.</summary>
    public int LauncherId { get; }

    /// <summary>The gateway's own process; a crash ends it, and a restart is another one.</summary>
    public LinuxProcess Process { get; }

    public static GatewayUnderTest Find(DistributedSystem system)
    {
        var launcherId = system.ProcessIds()["gateway"].Single();
        var process = LinuxProcess.WithDescendants([launcherId])
            .Single(candidate => candidate.Id != launcherId && candidate.CommandLine.Contains("Gateway", StringComparison.Ordinal));
        return new GatewayUnderTest(system.ReplicaUrls("gateway").Single(), launcherId, process);
    }

    /// <summary>A client of the gateway's own endpoint, for the requests around the test's own.</summary>
    public HttpClient Client { get; }

    /// <summary>The same gateway still runs: the fixture reports the same launcher, and the process below it is the one found at first.</summary>
    public bool IsSameProcess(DistributedSystem system) =>
        system.ProcessIds().TryGetValue("gateway", out var launchers) && launchers.SequenceEqual([LauncherId]) && Process.IsAlive;

    public async Task<HttpStatusCode> HealthAsync(CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }

    /// <summary>
    /// The gateway's memory once it has been idle for a few seconds, so that the last requests'
    /// work has wound down. The managed heap is as the last collection left it: live data and
    /// fragmentation, not garbage awaiting a collection.
    /// </summary>
    public async Task<Memory> SettledMemoryAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var runtime = await Client.GetFromJsonAsync<Memory>(new Uri("/diagnostics/runtime", UriKind.Relative), JsonSerializerOptions.Web, cancellationToken);
        return runtime ?? throw new InvalidOperationException("The gateway's runtime diagnostics answered nothing.");
    }

    /// <summary>
    /// The part of <c>GET /diagnostics/runtime</c> (<c>gateway/Diagnostics/RuntimeSnapshot.cs</c>) that
    /// says how much memory the gateway holds, with the thread pool's size, whose stacks are part of it.
    /// </summary>
    public sealed record Memory(long GcHeapBytes, long WorkingSetBytes, int ThreadPoolThreads)
    {
        public override string ToString() =>
            $"managed heap {GcHeapBytes / 1_048_576.0:F1} MB, working set {WorkingSetBytes / 1_048_576.0:F1} MB ({ThreadPoolThreads} thread pool threads)";
    }

    public void Dispose() => Client.Dispose();
}
