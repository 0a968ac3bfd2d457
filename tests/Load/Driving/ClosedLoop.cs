using Profiles.Load.Measurement;

namespace Profiles.Load.Driving;

/// <summary>
/// N clients, each sending its next request when the last one answered: the load follows the
/// system's speed, like users who wait. A client told to come back later (<c>Retry-After</c>, as
/// the gateway says with each 503 it sheds) waits that long first, as a well-behaved client does.
/// Stops after <paramref name="requests"/> in all or after <paramref name="duration"/>, whichever
/// comes first; requests already sent are awaited.
/// </summary>
public static class ClosedLoop
{
    public static async Task<RunStats> RunAsync(
        string name, LoadClient client, ProfileRequest request, int clients, long requests, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stats = new RunStats(name);
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeUp.CancelAfter(duration);
        long sent = 0;

        async Task ClientAsync()
        {
            while (!timeUp.IsCancellationRequested)
            {
                var sequence = Interlocked.Increment(ref sent);
                if (sequence > requests)
                {
                    return;
                }

                var outcome = await client.SendAsync(request.Create(sequence), cancellationToken);
                stats.Record(outcome);
                if (outcome.RetryAfter is { } wait)
                {
                    await Task.Delay(wait, timeUp.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        stats.Stop();
        return stats;
    }
}
