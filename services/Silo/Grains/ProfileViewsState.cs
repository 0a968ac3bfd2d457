using Profiles.Contracts.Grains;

namespace Profiles.Silo.Grains;

/// <summary>What <see cref="ProfileViewsGrain"/> persists: the view count and the latest distinct viewers.</summary>
[GenerateSerializer, Alias("profiles.ProfileViewsState")]
public sealed class ProfileViewsState
{
    public const long AnonymousViewer = 0;
    public const int RecentViewerLimit = 5;

    [Id(0)] public long TotalViews { get; set; }

    /// <summary>Newest first, one entry per viewer: like "who viewed your profile", a repeat view moves the viewer to the front.</summary>
    [Id(1)] public List<ProfileViewer> RecentViewers { get; set; } = [];

    public void Record(long viewerId, DateTimeOffset viewedAt)
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

    public ProfileViews ToProfileViews() => new(TotalViews, [.. RecentViewers]);
}
