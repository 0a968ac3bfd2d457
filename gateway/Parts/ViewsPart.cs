using Profiles.Contracts.Grains;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

/// <summary>Records this view in the member's ProfileViews grain and shows who else looked.</summary>
public sealed class ViewsPart(IGrainFactory grains, [FromKeyedServices(PartNames.Views)] PartPipeline<ViewsSection> pipeline)
    : ProfilePart<ViewsSection>(pipeline)
{
    public override string Name => PartNames.Views;

    protected override async Task<ViewsSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        CallOptionsFactory.PassFaults(query);
        return ToSection(await grains.GetGrain<IProfileViewsGrain>(query.MemberId).RecordViewAsync(query.ViewerId, query.ViewId, cancellationToken));
    }

    protected override ViewsSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        CallOptionsFactory.PassFaults(query);
        return ToSection(grains.GetGrain<IProfileViewsGrain>(query.MemberId).RecordViewAsync(query.ViewerId, query.ViewId, cancellationToken).GetAwaiter().GetResult());
    }

    protected override void Place(ProfileResponse response, ViewsSection section) => response.Views = section;

    private static ViewsSection ToSection(ProfileViews views) =>
        new(views.TotalViews, views.RecentViewers.Select(viewer => new ViewerEntry(viewer.ViewerId, viewer.ViewedAt)).ToArray());
}
