using Profiles.Contracts.Grains;

namespace Profiles.Silo.Grains;

/// <summary>
/// What <see cref="ProfileViewsGrain"/> persists: the view count, the latest distinct viewers, and
/// the ids of the latest views, which make recording a view idempotent.
/// </summary>
[GenerateSerializer, Alias("profiles.ProfileViewsState")]
public sealed class ProfileViewsState
{
    public const long AnonymousViewer = 0;
    public const int RecentViewerLimit = 5;

    /// <summary>
    /// A repeated call (a retry, a hedge) arrives within its request's budget, 10 s at most, so the
    /// ids only have to outlast the views one member gets in that time; they are stored with every write.
    /// </summary>
    public const int RememberedViewIdLimit = 256;

    [Id(0)] public long TotalViews { get; set; }

    /// <summary>Newest first, one entry per viewer: like "who viewed your profile", a repeat view moves the viewer to the front.</summary>
    [Id(1)] public List<ProfileViewer> RecentViewers { get; set; } = [];

    /// <summary>
    /// Oldest first. A list searched end to end rather than a set: a few hundred ids are scanned in
    /// well under a microsecond, and the list is stored as it is, in the order that says which to forget.
    /// </summary>
    [Id(2)] public List<Guid> RecentViewIds { get; set; } = [];

    /// <summary>Records the view unless one with the same id was recorded already; says whether it did.</summary>
    public bool TryRecord(Guid viewId, long viewerId, DateTimeOffset viewedAt)
    {
        if (RecentViewIds.Contains(viewId))
        {
            return false;
        }

        RecentViewIds.Add(viewId);
        if (RecentViewIds.Count > RememberedViewIdLimit)
        {
            RecentViewIds.RemoveAt(0);
        }

        Record(viewerId, viewedAt);
        return true;
    }

    public ProfileViews ToProfileViews() => new(TotalViews, [.. RecentViewers]);

    private void Record(long viewerId, DateTimeOffset viewedAt)
    {
        TotalViews++;
        if (viewerId == AnonymousViewer)
        {
            return;
        }

        RecentViewers.RemoveAll(viewer => viewer.ViewerId == viewerId);
        RecentViewers.Insert(0, new ProfileViewer(viewerId, viewedAt));
        if (RecentViewers.Count > RecentViewerLimit)
        {
            RecentViewers.RemoveRange(RecentViewerLimit, RecentViewers.Count - RecentViewerLimit);
        }
    }
}
