using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>The latest state of every replica, and every change to it as it happens.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Resource, int Replica), ReplicaSnapshot> latest = [];
    private readonly List<ChannelWriter<ReplicaSnapshot>> watchers = [];

    public IReadOnlyList<ReplicaSnapshot> GetSnapshots()
    {
        lock (gate)
        {
            return [.. latest.Values];
        }
    }

    /// <summary>The current state of every replica, then each change, until cancelled.</summary>
    public async IAsyncEnumerable<ReplicaSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ReplicaSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
        {
            foreach (var snapshot in latest.Values)
            {
                channel.Writer.TryWrite(snapshot);
            }

            watchers.Add(channel.Writer);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel.Writer);
            }
        }
    }

    /// <summary>Waits until a replica of the resource is in a state that satisfies <paramref name="predicate"/>; returns that state.</summary>
    public async Task<ReplicaSnapshot> WaitForResourceAsync(
        string resourceName, Func<ReplicaSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        await foreach (var snapshot in WatchAsync(cancellationToken))
        {
            if (snapshot.ResourceName == resourceName && predicate(snapshot))
            {
                return snapshot;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        if (!GetSnapshots().Any(snapshot => snapshot.ResourceName == resourceName))
        {
            throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));
        }

        return WaitUntilAsync(snapshots => snapshots.Where(snapshot => snapshot.ResourceName == resourceName).All(IsHealthy), cancellationToken);
    }

    public Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default) =>
        WaitUntilAsync(snapshots => snapshots.All(IsHealthy), cancellationToken);

    internal void Publish(ReplicaSnapshot snapshot)
    {
        lock (gate)
        {
            latest[(snapshot.ResourceName, snapshot.ReplicaIndex)] = snapshot;
            foreach (var watcher in watchers)
            {
                watcher.TryWrite(snapshot);
            }
        }
    }

    private static bool IsHealthy(ReplicaSnapshot snapshot) => snapshot.State == ResourceState.Running;

    private async Task WaitUntilAsync(Func<IReadOnlyList<ReplicaSnapshot>, bool> condition, CancellationToken cancellationToken)
    {
        await foreach (var _ in WatchAsync(cancellationToken))
        {
            if (condition(GetSnapshots()))
            {
                return;
            }
        }
    }
}
