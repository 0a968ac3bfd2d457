namespace Profiles.Contracts.Grains;

/// <summary>Who looked at a member's profile. Keyed by the viewed member's id.</summary>
public interface IProfileViewsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records one view (viewer 0 is anonymous: counted, never listed) and returns the counts after it.
    /// A view is counted once per <paramref name="viewId"/>: a retried or hedged call that carries the
    /// id of a view already recorded only reads the counts, so callers may repeat it freely.
    /// </summary>
    Task<ProfileViews> RecordViewAsync(long viewerId, Guid viewId, CancellationToken cancellationToken);
}

[GenerateSerializer, Immutable, Alias("profiles.ProfileViews")]
public sealed record ProfileViews(
    [property: Id(0)] long TotalViews,
    [property: Id(1)] IReadOnlyList<ProfileViewer> RecentViewers);

[GenerateSerializer, Immutable, Alias("profiles.ProfileViewer")]
public sealed record ProfileViewer(
    [property: Id(0)] long ViewerId,
    [property: Id(1)] DateTimeOffset ViewedAt);
