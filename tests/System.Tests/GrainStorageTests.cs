using System.Net;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>
/// The grains' state is in Redis, not in a silo. A system of its own: restarting every silo would
/// leave the shared one, under whichever tests ran next, with new silos whose grains are cold and
/// whose work counts start again from nothing.
/// </summary>
public sealed class GrainStorageTests
{
    /// <summary>No other test asks for this member, and Redis starts empty with the system, so every view of it is this test's.</summary>
    private const long Member = 70_001;

    /// <summary>
    /// Asked for until the system answers in full. Not <see cref="Member"/>: an attempt whose views
    /// part timed out may still have counted its view, and the count has to be exact.
    /// </summary>
    private const long WarmUpMember = 70_002;

    [Fact]
    public async Task A_view_count_survives_a_restart_of_every_silo()
    {
        // With the dashboard, so that the silos stop gracefully: without it, a silo's stop outlasted
        // the 6 s DCP allows between SIGTERM and SIGKILL.
        await using var system = await DistributedSystem.StartAsync(new SystemOptions { Dashboard = true }, TestTimeouts.Within(300));
        using var gateway = system.CreateGatewayClient();
        gateway.Timeout = TimeSpan.FromSeconds(60);
        await WarmUpAsync(gateway);

        // A view is answered only once the write that carries it has finished (ProfileViewsGrain),
        // so each of these is in Redis by the time its 200 arrives.
        long[] before = [await ViewAsync(gateway, viewer: 1), await ViewAsync(gateway, viewer: 2), await ViewAsync(gateway, viewer: 3)];
        Assert.Equal([1, 2, 3], before);

        var silosBefore = system.ProcessIds()["silo"];
        await system.RestartResourceAsync("silo", TestTimeouts.Within(300));
        // Every silo is a new process: no memory of the grain is left to serve it from.
        Assert.Equal(system.Options.SiloReplicas, system.ProcessIds()["silo"].Length);
        Assert.Empty(system.ProcessIds()["silo"].Intersect(silosBefore));
        await WarmUpAsync(gateway);

        Assert.Equal(before[^1] + 1, await ViewAsync(gateway, viewer: 4));
    }

    /// <summary>Records one view of <see cref="Member"/> through the gateway and says the total the answer gave.</summary>
    private static async Task<long> ViewAsync(HttpClient gateway, long viewer)
    {
        // The longest budget: a cold activation reading its state from Redis must not time the part out.
        var profile = await Profile.GetAsync(gateway, $"/api/profiles/{Member}?viewer={viewer}&budget=10000", faults: null, TestTimeouts.Within(60));

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal("ok", profile.StatusOf("views"));
        return profile.Body.GetProperty("views").GetProperty("totalViews").GetInt64();
    }

    /// <summary>
    /// Healthy is not warm: a fresh cluster's first grain calls, and the Orleans clients' reconnection
    /// to silos that restarted, can overrun a part's budget on a busy machine.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient gateway)
    {
        var cancellation = TestTimeouts.Within(180);
        while (true)
        {
            var profile = await Profile.GetAsync(gateway, $"/api/profiles/{WarmUpMember}?budget=5000", faults: null, cancellation);
            if (profile.Status == HttpStatusCode.OK && profile.PartNames.All(part => profile.StatusOf(part) == "ok"))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }
}
