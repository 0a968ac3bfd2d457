using System.Collections.Concurrent;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>A bounded ring of console lines per replica: the oldest go once it is full.</summary>
internal sealed class ConsoleLogStore(AppHostSettings settings) : IConsoleLogs
{
    private readonly ConcurrentDictionary<(string Resource, int Replica), Queue<ConsoleLogLine>> lines = new();
    private readonly ChangeFeed<ConsoleLogChange> changes = new();

    public void Add(string resourceName, int replica, ConsoleLogLine line)
    {
        var ring = lines.GetOrAdd((resourceName, replica), _ => new Queue<ConsoleLogLine>());
        lock (ring)
        {
            if (ring.Count == settings.ConsoleLogCapacity)
            {
                ring.Dequeue();
            }

            ring.Enqueue(line);
        }

        changes.Publish(new ConsoleLogChange(resourceName, replica));
    }

    public IAsyncEnumerable<ConsoleLogChange> WatchAsync(CancellationToken cancellationToken) => changes.WatchAsync(cancellationToken);

    public IReadOnlyList<ConsoleLogLine> GetLines(string resourceName, int replica = 0)
    {
        if (!lines.TryGetValue((resourceName, replica), out var ring))
        {
            return [];
        }

        lock (ring)
        {
            return [.. ring];
        }
    }
}
