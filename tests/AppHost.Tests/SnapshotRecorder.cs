using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Tests;

/// <summary>Records every state change of an application, with when it was seen.</summary>
internal sealed class SnapshotRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<(DateTimeOffset SeenAt, ReplicaSnapshot Snapshot)> seen = [];
    private readonly Task recording;

    public SnapshotRecorder(DistributedApplication app) =>
        recording = Task.Run(async () =>
        {
            await foreach (var snapshot in app.ResourceNotifications.WatchAsync(stop.Token))
            {
                lock (seen)
                {
                    seen.Add((DateTimeOffset.Now, snapshot));
                }
            }
        });

    public IReadOnlyList<(DateTimeOffset SeenAt, ReplicaSnapshot Snapshot)> Seen
    {
        get
        {
            lock (seen)
            {
                return [.. seen];
            }
        }
    }

    public int IndexOfFirst(string resource, ResourceState state, int from = 0)
    {
        var all = Seen;
        for (var index = from; index < all.Count; index++)
        {
            if (all[index].Snapshot.ResourceName == resource && all[index].Snapshot.State == state)
            {
                return index;
            }
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await recording.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }
}
