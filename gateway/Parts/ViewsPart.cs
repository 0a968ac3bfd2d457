using Profiles.Contracts;
using Profiles.Contracts.Grains;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>Records this view in the member's ProfileViews grain and shows who else looked.</summary>
public sealed class ViewsPart(IGrainFactory grains, [FromKeyedServices(PartNames.Views)] PartPipeline<ViewsSection> pipeline)
    : GrainPart<ViewsSection>(pipeline)
{
    public override string Name => PartNames.Views;

    protected override async Task<ViewsSection> CallAsync(ProfileQuery query, CancellationToken attemptToken) =>
        ToSection(await grains.GetGrain<IProfileViewsGrain>(query.MemberId).RecordViewAsync(query.ViewerId, query.ViewId, attemptToken));

    protected override void Place(ProfileResponse response, ViewsSection section) => response.Views = section;

    private static ViewsSection ToSection(ProfileViews views) =>
        new(views.TotalViews, views.RecentViewers.Select(viewer => new ViewerEntry(viewer.ViewerId, viewer.ViewedAt)).ToArray());
}
