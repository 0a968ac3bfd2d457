using Profiles.Contracts;
using Profiles.Contracts.Grains;

namespace Profiles.Silo.Tests;

[Collection(SharedSilo.Name)]
public sealed class ProfileViewsGrainTests(SiloFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_every_view_and_lists_the_last_five_viewers_newest_first()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_001);

        ProfileViews views = null!;
        foreach (var viewer in new long[] { 11, 12, 13, 14, 15, 16, 17 })
        {
            views = await grain.RecordViewAsync(viewer, Guid.NewGuid(), Cancellation);
        }

        Assert.Equal(7, views.TotalViews);
        Assert.Equal([17, 16, 15, 14, 13], views.RecentViewers.Select(viewer => viewer.ViewerId));
        Assert.True(views.RecentViewers.Zip(views.RecentViewers.Skip(1)).All(pair => pair.First.ViewedAt >= pair.Second.ViewedAt));
    }

    [Fact]
    public async Task A_repeat_viewer_moves_to_the_front_instead_of_appearing_twice()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_002);

        await grain.RecordViewAsync(21, Guid.NewGuid(), Cancellation);
        await grain.RecordViewAsync(22, Guid.NewGuid(), Cancellation);
        var views = await grain.RecordViewAsync(21, Guid.NewGuid(), Cancellation);

        Assert.Equal(3, views.TotalViews);
        Assert.Equal([21, 22], views.RecentViewers.Select(viewer => viewer.ViewerId));
    }

    [Fact]
    public async Task Anonymous_views_are_counted_but_not_listed()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_003);

        await grain.RecordViewAsync(31, Guid.NewGuid(), Cancellation);
        var views = await grain.RecordViewAsync(0, Guid.NewGuid(), Cancellation);

        Assert.Equal(2, views.TotalViews);
        Assert.Equal([31], views.RecentViewers.Select(viewer => viewer.ViewerId));
    }

    [Fact]
    public async Task The_views_survive_a_deactivation()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_004);
        await grain.RecordViewAsync(41, Guid.NewGuid(), Cancellation);
        await grain.RecordViewAsync(42, Guid.NewGuid(), Cancellation);

        await silo.Cluster.DeactivateAsync(grain);
        var views = await grain.RecordViewAsync(43, Guid.NewGuid(), Cancellation);

        Assert.Equal(3, views.TotalViews);
        Assert.Equal([43, 42, 41], views.RecentViewers.Select(viewer => viewer.ViewerId));
    }

    [Fact]
    public async Task A_deactivation_waits_for_the_write_of_a_view_whose_caller_gave_up()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_006);
        await grain.RecordViewAsync(51, Guid.NewGuid(), Cancellation);
        Assert.True(silo.Cluster.TryGetGrainContext(grain.GetGrainId(), out var activation));

        using (var write = silo.Storage.HoldNextWrite(grain.GetGrainId()))
        {
            using var caller = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var cancelledBefore = silo.WorkOf(PartNames.Views).Cancelled;
            var abandoned = grain.RecordViewAsync(52, Guid.NewGuid(), caller.Token);
            await write.Arrived.WaitAsync(Cancellation);
            await caller.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            // Until the cancellation reaches the grain its call is running, and a deactivation waits for running calls.
            await Eventually.TrueAsync(() => silo.WorkOf(PartNames.Views).Cancelled > cancelledBefore);

            // As a stopping silo deactivates it. A deactivation that does not wait for the write is
            // over well within this second; one that waits cannot be over before the write is.
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The test stops the silo."), Cancellation);
            var first = await Task.WhenAny(activation.Deactivated, Task.Delay(TimeSpan.FromSeconds(1), Cancellation));
            Assert.NotSame(activation.Deactivated, first);
            write.Release();
            await activation.Deactivated.WaitAsync(Cancellation);
        }

        Assert.Equal(3, (await grain.RecordViewAsync(53, Guid.NewGuid(), Cancellation)).TotalViews);
    }

    [Fact]
    public async Task A_negative_viewer_id_is_rejected()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(1_005);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RecordViewAsync(-1, Guid.NewGuid(), Cancellation));
    }
}
