using System.Diagnostics;

namespace Profiles.Load.Measurement;

/// <summary>
/// Calls a sampler at a fixed interval while a run goes on, and once more at its end. Disposing
/// stops it and waits for the last sample, so that nothing keeps running after a scenario.
/// </summary>
public sealed class Sampling : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public Sampling(TimeSpan interval, Func<TimeSpan, Task> sample)
    {
        var startedAt = Stopwatch.GetTimestamp();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                await SafelyAsync(() => sample(Stopwatch.GetElapsedTime(startedAt)));
            }
            while (await WaitAsync(timer));
            await SafelyAsync(() => sample(Stopwatch.GetElapsedTime(startedAt)));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A sample that fails (a starved gateway not answering in time) is a gap, not the end of the run.</summary>
    private static async Task SafelyAsync(Func<Task> sample)
    {
        try
        {
            await sample();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
        }
    }
}
