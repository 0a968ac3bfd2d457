using BenchmarkDotNet.Attributes;
using Profiles.Simulation.Faults;

namespace Profiles.Benchmarks;

/// <summary>
/// What a simulated backend's 50 ms latency takes on each timer: the runtime's, which counts a
/// clock that moves in kernel ticks (4 ms on Linux here), and the simulation's own
/// (<see cref="HighResolutionTimeProvider"/>), which sleeps on the precise one. The time beyond
/// 50 ms is what every injected latency added to the figures before the simulation had its own.
/// </summary>
public class TimerBenchmarks : IDisposable
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    private readonly HighResolutionTimeProvider _simulation = new();

    [GlobalCleanup]
    public void Dispose()
    {
        _simulation.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task RuntimeTimer() => Task.Delay(Latency, TimeProvider.System);

    [Benchmark]
    public Task SimulationTimer() => Task.Delay(Latency, _simulation);
}
