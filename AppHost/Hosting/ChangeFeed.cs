using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Profiles.AppHost.Hosting;

/// <summary>
/// Tells every watcher what changed, each through a channel of its own. A watcher that falls
/// behind loses its oldest notifications, never blocks the writer: a page only needs to know
/// that it should render again.
/// </summary>
internal sealed class ChangeFeed<T>
{
    private const int PendingPerWatcher = 64;

    private readonly Lock gate = new();
    private readonly List<Channel<T>> watchers = [];

    public void Publish(T change)
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Every change from now on, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<T> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(PendingPerWatcher)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (gate)
        {
            watchers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }
}
