using System.Collections.Concurrent;
using Profiles.Contracts.Grains;

namespace Profiles.Gateway.Tests;

/// <summary>
/// A ProfileViews grain that notes the view id of every call, and whose first call takes
/// <see cref="FirstCallTakes"/> of fake time, so that the part's pipeline hedges it.
/// </summary>
internal sealed class RecordingViewsGrain(TimeProvider time) : IProfileViewsGrain
{
    private int _calls;

    public TimeSpan FirstCallTakes { get; init; } = TimeSpan.Zero;

    public ConcurrentQueue<Guid> ViewIds { get; } = new();

    public async Task<ProfileViews> RecordViewAsync(long viewerId, Guid viewId, CancellationToken cancellationToken)
    {
        ViewIds.Enqueue(viewId);
        if (Interlocked.Increment(ref _calls) == 1)
        {
            await Task.Delay(FirstCallTakes, time, cancellationToken);
        }

        return new ProfileViews(ViewIds.Distinct().Count(), []);
    }
}
