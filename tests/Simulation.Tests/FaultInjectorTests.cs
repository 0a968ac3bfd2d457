using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Tests;

public sealed class FaultInjectorTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly LiveFaults _live = new();

    private FaultInjector Create(string profile = FaultProfiles.None, bool allowOverrides = true) =>
        new(Options.Create(new FaultOptions { Profile = profile, AllowRequestOverrides = allowOverrides }), _live, _time);

    [Fact]
    public async Task A_latency_delays_the_call_by_exactly_that_long()
    {
        var apply = Create().ApplyAsync(PartNames.Skills, "skills=latency:200ms", CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(apply.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await apply.WaitAsync(Generous, TimeProvider.System, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_hang_lasts_until_the_call_is_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var apply = Create().ApplyAsync(PartNames.Network, "network=hang", cancellation.Token).AsTask();

        _time.Advance(TimeSpan.FromDays(1));
        Assert.False(apply.IsCompleted);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply.WaitAsync(Generous, TimeProvider.System, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_delay_is_cut_short_by_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var apply = Create().ApplyAsync(PartNames.Skills, "*=latency:5s", cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply.WaitAsync(Generous, TimeProvider.System, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_error_fails_the_call_with_its_status_after_the_delay()
    {
        var apply = Create().ApplyAsync(PartNames.Members, "members=latency:50ms; members=error:unavailable", CancellationToken.None).AsTask();
        Assert.False(apply.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<RpcException>(() => apply.WaitAsync(Generous, TimeProvider.System, TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Overrides_are_ignored_when_not_allowed()
    {
        var injector = Create(allowOverrides: false);

        await injector.ApplyAsync(PartNames.Skills, "skills=error:internal; *=hang", CancellationToken.None);

        Assert.Equal(FaultRule.None, injector.RuleFor(PartNames.Skills, "skills=error:internal"));
    }

    [Fact]
    public void An_override_replaces_the_profile_only_for_the_parts_it_names()
    {
        var injector = Create(FaultProfiles.Realistic);

        Assert.Equal(new FaultRule(Hang: true), injector.RuleFor(PartNames.Skills, "skills=hang"));
        Assert.Equal(FaultProfiles.Resolve(FaultProfiles.Realistic).For(PartNames.Members), injector.RuleFor(PartNames.Members, "skills=hang"));
    }

    [Fact]
    public void A_malformed_override_falls_back_to_the_profile()
    {
        var injector = Create(FaultProfiles.Realistic);

        Assert.Equal(FaultProfiles.Resolve(FaultProfiles.Realistic).For(PartNames.Skills), injector.RuleFor(PartNames.Skills, "skills=explode"));
    }

    [Fact]
    public void A_live_fault_goes_over_the_profile_aspect_by_aspect()
    {
        var injector = Create(FaultProfiles.Realistic);
        var profile = FaultProfiles.Resolve(FaultProfiles.Realistic).For(PartNames.Skills)!;

        _live.Set(FaultPlan.Parse("*=latency:200ms"));

        var rule = injector.RuleFor(PartNames.Skills, overrideHeader: null);
        Assert.Equal(new DelayModel.Fixed(TimeSpan.FromMilliseconds(200)), rule.Delay);
        Assert.Equal(profile.Error, rule.Error);
        Assert.Equal(profile.ErrorProbability, rule.ErrorProbability);
    }

    [Fact]
    public void Healing_leaves_the_profile_alone()
    {
        var injector = Create(FaultProfiles.Realistic);
        _live.Set(FaultPlan.Parse("*=hang"));

        _live.Heal();

        Assert.Equal(FaultProfiles.Resolve(FaultProfiles.Realistic).For(PartNames.Members), injector.RuleFor(PartNames.Members, overrideHeader: null));
    }

    [Fact]
    public void A_request_override_replaces_the_live_fault_for_the_parts_it_names()
    {
        var injector = Create();
        _live.Set(FaultPlan.Parse("*=hang"));

        Assert.Equal(new FaultRule(Error: StatusCode.Internal), injector.RuleFor(PartNames.Skills, "skills=error:internal"));
        Assert.Equal(new FaultRule(Hang: true), injector.RuleFor(PartNames.Members, "skills=error:internal"));
    }
}
