using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Profiles.Benchmarks;

/// <summary>
/// The two costs of an await: on a task already completed (no suspension: a check and a call),
/// and on one that yields (the state machine is boxed, the continuation queued to the thread
/// pool and resumed there). The seed's table puts .NET 6+ at 50–200 ns per await.
/// </summary>
[MemoryDiagnoser]
public class AwaitBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<int> AwaitCompleted() => await CompletedAsync() + 1;

    [Benchmark]
    public async Task<int> AwaitYielding() => await YieldingAsync() + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> CompletedAsync() => Task.FromResult(1);

    private static async Task<int> YieldingAsync()
    {
        await Task.Yield();
        return 1;
    }
}
