using BenchmarkDotNet.Attributes;
using Profiles.Gateway.Scopes;

namespace Profiles.Benchmarks;

/// <summary>
/// What the request scope costs over a bare <see cref="Task.WhenAll(Task[])"/> of the same
/// children: its cancellation sources and bookkeeping. Each child yields once,
/// as a child waiting on I/O would; divide by <see cref="Children"/> for the cost per child.
/// </summary>
[MemoryDiagnoser]
public class RequestScopeBenchmarks
{
    private static readonly ChildOptions Optional = new(Required: false);

    [Params(1, 7, 100)]
    public int Children { get; set; }

    [Benchmark(Baseline = true)]
    public async Task<int> BareWhenAll()
    {
        var children = new Task<int>[Children];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = ChildAsync(CancellationToken.None);
        }

        var results = await Task.WhenAll(children);
        return results.Length;
    }

    [Benchmark]
    public async Task<int> RequestScope()
    {
        await using var scope = new RequestScope(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
        var children = new Task<ChildResult<int>>[Children];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = scope.StartChild($"child", Optional, context => ChildAsync(context.CancellationToken));
        }

        var results = await Task.WhenAll(children);
        await scope.CompleteAsync();
        return results.Length;
    }

    private static async Task<int> ChildAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return 1;
    }
}
