using System.Diagnostics;
using Profiles.Load.Measurement;

namespace Profiles.Load.Driving;

/// <summary>
/// Requests arrive at a fixed rate whether or not earlier ones have answered, like independent
/// users. Each latency is measured from when the request was due, not from when it was sent, so
/// a client that fell behind does not hide the system's stalls (coordinated omission). Sends
/// <paramref name="requests"/> at most, for <paramref name="duration"/> at most, then awaits those in flight.
/// </summary>
public static class OpenLoop
{
    public static async Task<RunStats> RunAsync(
        string name,
        LoadClient client,
        ProfileRequest request,
        double perSecond,
        long requests,
        TimeSpan duration,
        CancellationToken cancellationToken,
        Action<long>? onInFlightChanged = null)
    {
        var stats = new RunStats(name);
        var inFlight = new List<Task>();
        long outstanding = 0;
        var startedAt = Stopwatch.GetTimestamp();

        for (long sequence = 1; sequence <= requests; sequence++)
        {
            var due = TimeSpan.FromSeconds((sequence - 1) / perSecond);
            if (due > duration)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(startedAt);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            onInFlightChanged?.Invoke(Interlocked.Increment(ref outstanding));
            inFlight.Add(SendAsync(sequence, startedAt + (long)(due.TotalSeconds * Stopwatch.Frequency)));
        }

        await Task.WhenAll(inFlight);
        stats.Stop();
        return stats;

        async Task SendAsync(long sequence, long dueAt)
        {
            // Off the pacing loop: a slow connect must not delay the next arrival.
            await Task.Yield();
            var unsent = Stopwatch.GetElapsedTime(dueAt);
            var outcome = await client.SendAsync(request.Create(sequence), cancellationToken);
            stats.Record(outcome with { Latency = Stopwatch.GetElapsedTime(dueAt), Unsent = unsent });
            onInFlightChanged?.Invoke(Interlocked.Decrement(ref outstanding));
        }
    }
}
