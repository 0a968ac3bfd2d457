using Profiles.Contracts.Grains;
using Profiles.Simulation.Data;

namespace Profiles.Silo.Tests;

[Collection(SharedSilo.Name)]
public sealed class PresenceGrainTests(SiloFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_member_gets_the_same_presence_across_calls_and_activations()
    {
        var grain = silo.Client.GetGrain<IPresenceGrain>(2_001);
        var started = DateTimeOffset.UtcNow;

        var first = await grain.GetPresenceAsync(Cancellation);
        var again = await grain.GetPresenceAsync(Cancellation);
        await silo.Cluster.DeactivateAsync(grain);
        var afterReactivation = await grain.GetPresenceAsync(Cancellation);

        // "Last seen" is relative to now, so it may move on by the time that passed between the calls, no more.
        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.All([again, afterReactivation], presence =>
        {
            Assert.Equal(first.Online, presence.Online);
            Assert.InRange(presence.LastSeen - first.LastSeen, TimeSpan.Zero, elapsed);
        });
    }

    [Fact]
    public async Task The_grain_answers_what_the_simulated_data_says()
    {
        var memberIds = Enumerable.Range(3_000, 50).Select(id => (long)id).ToArray();

        var presences = await Task.WhenAll(memberIds
            .Select(id => silo.Client.GetGrain<IPresenceGrain>(id).GetPresenceAsync(Cancellation)));

        Assert.Equal(
            memberIds.Select(id => ProfileData.Presence(id).Online),
            presences.Select(presence => presence.Online));
    }
}
