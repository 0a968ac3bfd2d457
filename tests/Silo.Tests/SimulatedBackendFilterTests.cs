using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Simulation;
using Profiles.Simulation.Faults;

namespace Profiles.Silo.Tests;

[Collection(SharedSilo.Name)]
public sealed class SimulatedBackendFilterTests(SiloFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_fault_the_call_works_and_is_counted_as_completed()
    {
        var before = silo.WorkOf(PartNames.Views);

        await silo.Client.GetGrain<IProfileViewsGrain>(4_001).RecordViewAsync(7, Guid.NewGuid(), Cancellation);

        var after = silo.WorkOf(PartNames.Views);
        Assert.Equal(before.Completed + 1, after.Completed);
        Assert.Equal(0, after.InFlight);
    }

    [Fact]
    public async Task An_injected_error_reaches_the_caller_and_is_counted_as_failed()
    {
        var before = silo.WorkOf(PartNames.Presence);
        var grain = silo.Client.GetGrain<IPresenceGrain>(4_002);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WithFault("presence=error:unavailable", () => grain.GetPresenceAsync(Cancellation)));

        Assert.Equal("Unavailable", error.Data[SimulatedBackendFilter.StatusKey]);
        Assert.Equal(before.Failed + 1, silo.WorkOf(PartNames.Presence).Failed);
    }

    [Fact]
    public async Task An_injected_delay_holds_the_call_back_before_the_grain_runs()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(4_005);
        var started = TimeProvider.System.GetTimestamp();

        var views = await WithFault("views=latency:300ms", () => grain.RecordViewAsync(7, Guid.NewGuid(), Cancellation));

        Assert.Equal(1, views.TotalViews);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task A_fault_for_another_part_leaves_the_call_alone()
    {
        var grain = silo.Client.GetGrain<IPresenceGrain>(4_003);

        var presence = await WithFault("views=error:internal; members=hang", () => grain.GetPresenceAsync(Cancellation));

        Assert.NotNull(presence);
    }

    [Fact]
    public async Task A_hanging_call_ends_when_the_caller_cancels_and_no_work_is_left_behind()
    {
        var before = silo.WorkOf(PartNames.Presence);
        var grain = silo.Client.GetGrain<IPresenceGrain>(4_004);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            WithFault("presence=hang", () => grain.GetPresenceAsync(caller.Token)));

        await Eventually.TrueAsync(() => silo.WorkOf(PartNames.Presence) is var work
            && work.Cancelled == before.Cancelled + 1
            && work.InFlight == 0);
    }

    [Fact]
    public async Task A_hanging_call_ends_at_the_callers_deadline_though_no_cancellation_arrives()
    {
        var before = silo.WorkOf(PartNames.Presence);
        var grain = silo.Client.GetGrain<IPresenceGrain>(4_006);
        GrainCallDeadline.Set(DateTime.UtcNow.AddMilliseconds(200));

        await Assert.ThrowsAsync<TimeoutException>(() =>
            WithFault("presence=hang", () => grain.GetPresenceAsync(CancellationToken.None)));

        await Eventually.TrueAsync(() => silo.WorkOf(PartNames.Presence) is var work
            && work.Cancelled == before.Cancelled + 1
            && work.InFlight == 0);
    }

    /// <summary>
    /// Sets the <c>x-fault</c> the way the gateway does. RequestContext lives in the async flow, so
    /// the value travels with this call only and is gone when this method returns.
    /// </summary>
    private static async Task<T> WithFault<T>(string fault, Func<Task<T>> call)
    {
        RequestContext.Set(FaultPlan.HeaderName, fault);
        return await call();
    }
}
