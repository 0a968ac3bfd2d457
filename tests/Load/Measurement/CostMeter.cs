using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Profiles.Fixtures;
using Profiles.Fixtures.Otlp;
using Profiles.Load.Target;

namespace Profiles.Load.Measurement;

/// <summary>
/// What a stretch of load cost: each group of processes' CPU, the whole machine's, the gateway's
/// garbage collections and allocations, the backends' calls and the telemetry each service
/// exported, read once before and once after (so the meter itself costs nothing in between).
/// </summary>
public sealed class CostMeter
{
    private readonly LoadTarget _system;
    private readonly HttpClient _diagnostics;
    private readonly IReadOnlyDictionary<string, int[]> _groups;
    private readonly Dictionary<string, TimeSpan> _cpuBefore;
    private readonly Dictionary<string, TimeSpan> _kernelBefore;
    private readonly TimeSpan _machineBefore;
    private readonly RuntimeSample _gatewayBefore;
    private readonly Dictionary<string, WorkCounts> _workBefore;
    private readonly IReadOnlyDictionary<string, ExportedTelemetry> _exportedBefore;
    private readonly long _startedAt;
    private readonly HostSpeed _hostSpeed;

    private CostMeter(LoadTarget system, HttpClient diagnostics, IReadOnlyDictionary<string, int[]> groups, RuntimeSample gatewayBefore, Dictionary<string, WorkCounts> workBefore)
    {
        _system = system;
        _diagnostics = diagnostics;
        _groups = groups;
        _gatewayBefore = gatewayBefore;
        _workBefore = workBefore;
        _exportedBefore = system.System!.ExportedTelemetry();
        _cpuBefore = Cpu(groups);
        _kernelBefore = Kernel(groups);
        _machineBefore = ProcCpu.OfMachine();
        _startedAt = Stopwatch.GetTimestamp();
        _hostSpeed = HostSpeed.Start();
    }

    /// <param name="groups">Named groups of process ids, e.g. <see cref="CostedProcesses.Of"/> and a peer.</param>
    public static async Task<CostMeter> StartAsync(LoadTarget system, HttpClient diagnostics, IReadOnlyDictionary<string, int[]> groups, CancellationToken cancellationToken) =>
        new(system, diagnostics, groups, await GatewayAsync(system, diagnostics, cancellationToken), await system.WorkAsync(cancellationToken));

    public async Task<Cost> StopAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startedAt);
        var hostUnit = _hostSpeed.Stop();
        var machine = ProcCpu.OfMachine() - _machineBefore;
        var cpu = Cpu(_groups).ToDictionary(pair => pair.Key, pair => pair.Value - _cpuBefore[pair.Key], StringComparer.Ordinal);
        var kernel = Kernel(_groups).ToDictionary(pair => pair.Key, pair => pair.Value - _kernelBefore[pair.Key], StringComparer.Ordinal);
        var gateway = await GatewayAsync(_system, _diagnostics, cancellationToken);
        var work = await _system.WorkAsync(cancellationToken);
        var calls = work.Sum(pair => (pair.Value - _workBefore.GetValueOrDefault(pair.Key, WorkCounts.None)).Attempts);
        var exported = _system.System!.ExportedTelemetry().ToDictionary(
            pair => pair.Key,
            pair => pair.Value - _exportedBefore.GetValueOrDefault(pair.Key, ExportedTelemetry.None),
            StringComparer.Ordinal);
        return new Cost(cpu, machine, elapsed, new GatewayGc(
            gateway.Gen0Collections - _gatewayBefore.Gen0Collections,
            gateway.Gen1Collections - _gatewayBefore.Gen1Collections,
            gateway.Gen2Collections - _gatewayBefore.Gen2Collections,
            gateway.AllocatedBytes - _gatewayBefore.AllocatedBytes), calls, exported, hostUnit)
        { Kernel = kernel };
    }

    private static Dictionary<string, TimeSpan> Cpu(IReadOnlyDictionary<string, int[]> groups) =>
        groups.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Aggregate(TimeSpan.Zero, (sum, id) => sum + ProcCpu.OfProcess(id)),
            StringComparer.Ordinal);

    private static Dictionary<string, TimeSpan> Kernel(IReadOnlyDictionary<string, int[]> groups) =>
        groups.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Aggregate(TimeSpan.Zero, (sum, id) => sum + ProcCpu.SplitOfProcess(id).Kernel),
            StringComparer.Ordinal);

    private static async Task<RuntimeSample> GatewayAsync(LoadTarget system, HttpClient diagnostics, CancellationToken cancellationToken) =>
        await diagnostics.GetFromJsonAsync<RuntimeSample>(new Uri(system.Gateway, "/diagnostics/runtime"), JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The gateway sent no runtime snapshot.");
}

/// <summary>
/// The cost of one stretch of load: CPU by group of processes, the machine's busy CPU (every
/// process, ours or not), the wall-clock time, the gateway's GC, every backend call made, and the
/// telemetry each service exported over OTLP (by its resource's name), and the CPU time one unit of
/// the <see cref="HostSpeed"/> probe's work took meanwhile (median, milliseconds).
/// </summary>
public sealed record Cost(IReadOnlyDictionary<string, TimeSpan> Cpu, TimeSpan Machine, TimeSpan Elapsed, GatewayGc Gateway, long BackendCalls, IReadOnlyDictionary<string, ExportedTelemetry> Exported, double HostUnitMs)
{
    /// <summary>Of <see cref="Cpu"/>, what each group spent in the kernel (system time: sockets, epoll, futexes, page faults).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Kernel { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The share of the named groups' CPU spent in the kernel, in percent.</summary>
    public double KernelPercent(params IEnumerable<string> groups)
    {
        var all = groups.Sum(group => Cpu.GetValueOrDefault(group).TotalMilliseconds);
        return all == 0 ? 0 : 100 * groups.Sum(group => Kernel.GetValueOrDefault(group).TotalMilliseconds) / all;
    }

    /// <summary>The CPU of the named groups together, in milliseconds per answered profile.</summary>
    public double MsPerProfile(long profiles, params IEnumerable<string> groups) =>
        groups.Sum(group => Cpu.GetValueOrDefault(group).TotalMilliseconds) / Math.Max(1, profiles);

    /// <summary>Cores kept busy by the named groups at <paramref name="profilesPerSecond"/>: CPU seconds per second.</summary>
    public double CoresFor(double profilesPerSecond, long profiles, params IEnumerable<string> groups) =>
        MsPerProfile(profiles, groups) * profilesPerSecond / 1000;
}

/// <summary>The gateway's collections by generation and the bytes it allocated over a run.</summary>
public sealed record GatewayGc(int Gen0, int Gen1, int Gen2, long AllocatedBytes);
