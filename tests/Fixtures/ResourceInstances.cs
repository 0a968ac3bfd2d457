using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Profiles.Fixtures;

/// <summary>
/// The latest state of every running instance (a resource with replicas has one per replica),
/// kept from <see cref="ResourceNotificationService.WatchAsync"/> for as long as the app runs.
/// </summary>
internal sealed class ResourceInstances : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public ResourceInstances(ResourceNotificationService notifications) =>
        _watching = WatchAsync(notifications, _stop.Token);

    /// <summary>The instances running now, each with its own name (which its console logs go by) and the name of its resource.</summary>
    public IEnumerable<(string Instance, string Resource, CustomResourceSnapshot Snapshot)> Running =>
        _latest.Values
            .Where(instance => instance.Snapshot.State?.Text == KnownResourceStates.Running)
            .Select(instance => (instance.ResourceId, instance.Resource.Name, instance.Snapshot));

    /// <summary>The state an instance was last reported in (<c>Running</c>, <c>Exited</c>, …), or null if it never was.</summary>
    public string? StateOf(string instance) =>
        _latest.TryGetValue(instance, out var latest) ? latest.Snapshot.State?.Text : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task WatchAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await foreach (var change in notifications.WatchAsync(cancellationToken))
        {
            _latest[change.ResourceId] = change;
        }
    }
}
