using System.Diagnostics;

namespace Profiles.Load.Measurement;

/// <summary>
/// The system's processes as the OS sees them, sampled during a run: each resource's peak working
/// set, its CPU time over the run and at every sample, and the gateway's OS thread count over time
/// (read from /proc, so it is there even when a starved process cannot answer HTTP).
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

    /// <summary>(seconds into the run, <see cref="CpuTimes"/> then) at every sample.</summary>
    public List<(double Seconds, IReadOnlyDictionary<string, TimeSpan> Cpu)> CpuOverTime { get; } = [];

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

            CpuOverTime.Add((at.TotalSeconds, new Dictionary<string, TimeSpan>(CpuTimes)));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The CPU time each resource used from the last sample at or before <paramref name="from"/> to
    /// the first at or after <paramref name="to"/> (seconds into the run), and how long that span was.
    /// </summary>
    public (double Seconds, Dictionary<string, TimeSpan> Cpu) CpuBetween(double from, double to)
    {
        lock (_gate)
        {
            if (CpuOverTime.Count == 0)
            {
                return (0, []);
            }

            var start = CpuOverTime.LastOrDefault(sample => sample.Seconds <= from, CpuOverTime[0]);
            var end = CpuOverTime.FirstOrDefault(sample => sample.Seconds >= to, CpuOverTime[^1]);
            return (end.Seconds - start.Seconds, end.Cpu.ToDictionary(pair => pair.Key, pair => pair.Value - start.Cpu[pair.Key]));
        }
    }

    private static TimeSpan CpuTime(Process[] processes) =>
        processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.TotalProcessorTime);
}
