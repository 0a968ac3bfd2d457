using System.Diagnostics;

namespace Profiles.Load.Measurement;

/// <summary>
/// The system's processes as the OS sees them, sampled during a run: each resource's peak working
/// set, its CPU time over the run, and its OS thread count over time (read from /proc, so it is
/// there even when a starved process cannot answer HTTP).
/// </summary>
public sealed class ProcessStats
{
    private readonly Dictionary<string, Process[]> _processes;
    private readonly Dictionary<string, TimeSpan> _cpuAtStart;
    private readonly Dictionary<string, long> _peakWorkingSet = [];
    private readonly Lock _gate = new();

    public ProcessStats(IReadOnlyDictionary<string, int[]> processIds)
    {
        _processes = processIds.ToDictionary(pair => pair.Key, pair => pair.Value.Select(Process.GetProcessById).ToArray());
        _cpuAtStart = _processes.ToDictionary(pair => pair.Key, pair => CpuTime(pair.Value));
        CpuTimes = _cpuAtStart.ToDictionary(pair => pair.Key, _ => TimeSpan.Zero);
    }

    public IReadOnlyDictionary<string, long> PeakWorkingSet => _peakWorkingSet;

    /// <summary>CPU time each resource used since this object was made, as of the last sample.</summary>
    public Dictionary<string, TimeSpan> CpuTimes { get; }

    /// <summary>(seconds into the run, OS threads) of the gateway.</summary>
    public List<(double Seconds, int Threads)> GatewayThreads { get; } = [];

    public IEnumerable<string> Resources => _processes.Keys.Order(StringComparer.Ordinal);

    public Task SampleAsync(TimeSpan at)
    {
        lock (_gate)
        {
            foreach (var (resource, processes) in _processes)
            {
                foreach (var process in processes)
                {
                    process.Refresh();
                }

                var workingSet = processes.Sum(process => process.WorkingSet64);
                _peakWorkingSet[resource] = Math.Max(workingSet, _peakWorkingSet.GetValueOrDefault(resource));
                CpuTimes[resource] = CpuTime(processes) - _cpuAtStart[resource];
                if (resource == "gateway")
                {
                    GatewayThreads.Add((at.TotalSeconds, processes.Sum(process => process.Threads.Count)));
                }
            }
        }

        return Task.CompletedTask;
    }

    private static TimeSpan CpuTime(Process[] processes) =>
        processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.TotalProcessorTime);
}
