using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Silo.Grains;
using Profiles.Simulation;
using Profiles.Simulation.Faults;

namespace Profiles.Silo.Tests;

/// <summary>Recording a view is idempotent by view id, so the gateway may retry and hedge it.</summary>
[Collection(SharedSilo.Name)]
public sealed class ProfileViewsIdempotencyTests(SiloFixture silo)
{
    private static readonly TimeSpan GenerousBound = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeated_view_id_counts_once()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_101);
        var viewId = Guid.NewGuid();

        var first = await grain.RecordViewAsync(7, viewId, Cancellation);
        var repeated = await grain.RecordViewAsync(7, viewId, Cancellation);

        Assert.Equal(1, first.TotalViews);
        Assert.Equal(1, repeated.TotalViews);
        Assert.Equal(first.RecentViewers, repeated.RecentViewers);
    }

    [Fact]
    public async Task Different_view_ids_count_twice()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_102);

        await grain.RecordViewAsync(7, Guid.NewGuid(), Cancellation);
        var views = await grain.RecordViewAsync(7, Guid.NewGuid(), Cancellation);

        Assert.Equal(2, views.TotalViews);
    }

    [Fact]
    public async Task A_view_id_is_still_known_after_a_deactivation()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_103);
        var viewId = Guid.NewGuid();
        await grain.RecordViewAsync(7, viewId, Cancellation);

        await silo.Cluster.DeactivateAsync(grain);
        var views = await grain.RecordViewAsync(7, viewId, Cancellation);

        Assert.Equal(1, views.TotalViews);
    }

    [Fact]
    public async Task Only_the_latest_view_ids_are_remembered()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_104);
        var oldest = Guid.NewGuid();
        await grain.RecordViewAsync(7, oldest, Cancellation);
        for (var i = 0; i < ProfileViewsState.RememberedViewIdLimit; i++)
        {
            await grain.RecordViewAsync(7, Guid.NewGuid(), Cancellation);
        }

        var views = await grain.RecordViewAsync(7, oldest, Cancellation);

        Assert.Equal(ProfileViewsState.RememberedViewIdLimit + 2, views.TotalViews);
    }

    [Fact]
    public async Task A_hedge_does_not_wait_for_the_attempt_held_by_an_injected_delay()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_105);
        var viewId = Guid.NewGuid();
        using var firstCaller = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var inFlightBefore = silo.WorkOf(PartNames.Views).InFlight;
        var held = WithFault("views=hang", () => grain.RecordViewAsync(7, viewId, firstCaller.Token));
        await Eventually.TrueAsync(() => silo.WorkOf(PartNames.Views).InFlight > inFlightBefore);

        var hedge = await grain.RecordViewAsync(7, viewId, Cancellation).WaitAsync(GenerousBound, Cancellation);

        Assert.Equal(1, hedge.TotalViews);
        Assert.False(held.IsCompleted);
        await firstCaller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.Equal(1, (await grain.RecordViewAsync(7, viewId, Cancellation)).TotalViews);
    }

    [Fact]
    public async Task Views_recorded_at_the_same_time_are_all_stored()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_106);
        const int Concurrent = 50;

        var recorded = await Task.WhenAll(Enumerable.Range(0, Concurrent)
            .Select(viewer => grain.RecordViewAsync(viewer, Guid.NewGuid(), Cancellation)));

        Assert.Equal(Concurrent, recorded.Max(views => views.TotalViews));
        await silo.Cluster.DeactivateAsync(grain);
        Assert.Equal(Concurrent + 1, (await grain.RecordViewAsync(7, Guid.NewGuid(), Cancellation)).TotalViews);
    }

    /// <summary>Sets the <c>x-fault</c> for this call only, the way the gateway does.</summary>
    private static async Task<T> WithFault<T>(string fault, Func<Task<T>> call)
    {
        RequestContext.Set(FaultPlan.HeaderName, fault);
        return await call();
    }
}
