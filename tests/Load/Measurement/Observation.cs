using Profiles.Fixtures;
using Profiles.Load.Reporting;
using Profiles.Load.Target;

namespace Profiles.Load.Measurement;

/// <summary>
/// Watches the system while a run goes on: the processes (memory, CPU, threads), the gateway's
/// runtime, and the backends' own work counters before and after, so that a report says what the
/// run cost every process and how many backend calls it really made.
/// </summary>
public sealed class Observation : IAsyncDisposable
{
    private readonly LoadTarget _system;
    private readonly HttpClient _client;
    private readonly Dictionary<string, WorkCounts> _workBefore;
    private readonly Sampling _sampling;

    private Observation(LoadTarget system, HttpClient client, Dictionary<string, WorkCounts> workBefore, TimeSpan interval)
    {
        _system = system;
        _client = client;
        _workBefore = workBefore;
        Processes = new ProcessStats(new Dictionary<string, int[]>(system.ProcessIds()) { [Harness] = [Environment.ProcessId] });
        Runtime = new GatewayRuntime(client, system.Gateway);
        _sampling = new Sampling(interval, async at =>
        {
            await Processes.SampleAsync(at);
            await Runtime.SampleAsync(at);
        });
    }

    /// <summary>
    /// This process, in the process table too: on one machine the load it sends takes the cores the
    /// system needs, and a report should say how much. It hosts the AppHost when it started the
    /// system, which costs little once the system runs.
    /// </summary>
    private const string Harness = "load harness (this process)";

    public ProcessStats Processes { get; }

    public GatewayRuntime Runtime { get; }

    /// <summary>Each backend service's calls during the run (zero counts when the system is not observable).</summary>
    public Dictionary<string, WorkCounts> Work { get; private set; } = [];

    public static async Task<Observation> StartAsync(LoadTarget system, HttpClient client, TimeSpan interval, CancellationToken cancellationToken) =>
        new(system, client, await system.WorkAsync(cancellationToken), interval);

    /// <summary>Stops sampling and reads the backends' counters once more.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _sampling.DisposeAsync();
        var after = await _system.WorkAsync(cancellationToken);
        Work = after.ToDictionary(
            pair => pair.Key,
            pair => pair.Value - _workBefore.GetValueOrDefault(pair.Key, new WorkCounts(0, 0, 0, 0)),
            StringComparer.Ordinal);
    }

    public long BackendAttempts => Work.Values.Sum(counts => counts.Attempts);

    /// <summary>Per process: peak working set, CPU time; per backend service: calls received.</summary>
    public MarkdownTable ProcessTable()
    {
        var table = new MarkdownTable("process", "peak working set (MB)", "CPU time (s)");
        foreach (var resource in Processes.Resources)
        {
            table.Row(resource, Processes.PeakWorkingSet.GetValueOrDefault(resource) / 1_048_576.0, Processes.CpuTimes[resource].TotalSeconds);
        }

        return table;
    }

    public MarkdownTable WorkTable()
    {
        var table = new MarkdownTable("backend service", "attempts", "completed", "cancelled", "failed");
        foreach (var (service, counts) in Work.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.Row(service, counts.Attempts, counts.Completed, counts.Cancelled, counts.Failed);
        }

        return table;
    }

    public async ValueTask DisposeAsync() => await _sampling.DisposeAsync();
}
