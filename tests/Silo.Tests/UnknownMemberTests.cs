using Profiles.Contracts.Grains;

namespace Profiles.Silo.Tests;

[Collection(SharedSilo.Name)]
public sealed class UnknownMemberTests(SiloFixture silo)
{
    private const long NoSuchMember = 999_999_999;

    [Fact]
    public async Task A_view_of_a_member_that_does_not_exist_is_refused_and_not_recorded()
    {
        var grain = silo.Client.GetGrain<IProfileViewsGrain>(NoSuchMember);

        var refused = await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.RecordViewAsync(7, Guid.NewGuid(), TestContext.Current.CancellationToken));

        Assert.Contains("999999999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_that_does_not_exist_has_no_presence()
    {
        var grain = silo.Client.GetGrain<IPresenceGrain>(NoSuchMember);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.GetPresenceAsync(TestContext.Current.CancellationToken));
    }
}
