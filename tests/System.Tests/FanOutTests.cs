using System.Net;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>What the fan-out is for, measured across real processes with injected latencies and faults.</summary>
[Collection(nameof(WholeSystem))]
public sealed class FanOutTests(SystemFixture fixture)
{
    private const string EveryPartTakes100Ms = "*=latency:100ms";

    // The runtime's timers count time coarsely and may fire a few milliseconds early: CI saw 197.02 ms for
    // network's two 100 ms delays one after the other.
    private const double TimerEarlyMs = 5;
    private static readonly string[] StoppedUnfinished = ["cancelled", "skipped"];

    private const string OthersTake2S = "experience=latency:2s; network=latency:2s; skills=latency:2s; activity=latency:2s; views=latency:2s; presence=latency:2s";

    private Task<Profile> GetAsync(string pathAndQuery, string? faults) =>
        Profile.GetAsync(fixture.Gateway, pathAndQuery, faults, TestTimeouts.Within(60));

    [Fact]
    public async Task Sequential_pays_for_every_part_and_concurrent_only_for_the_critical_path()
    {
        var sequential = await GetAsync("/api/profiles/42?viewer=7&mode=sequential&budget=5000", EveryPartTakes100Ms);
        var concurrent = await GetAsync("/api/profiles/42?viewer=7&budget=5000", EveryPartTakes100Ms);

        Assert.Equal(HttpStatusCode.OK, sequential.Status);
        Assert.Equal(HttpStatusCode.OK, concurrent.Status);
        Assert.True(concurrent.Body.GetProperty("network").GetProperty("mutualConnections").GetArrayLength() > 0, "no nested presence lookups to measure");

        // Seven parts at 100 ms each, network's nested presence lookups on top.
        Assert.InRange(sequential.ElapsedMs, 700, 5000);
        // network: its own 100 ms, then its presence lookups' 100 ms, all at once.
        Assert.InRange(concurrent.ElapsedMs, 200 - 2 * TimerEarlyMs, 450);
        Assert.Equal("network", concurrent.Body.GetProperty("criticalPart").GetString());
        Assert.InRange(concurrent.Part("network").GetProperty("elapsedMs").GetDouble(), 200 - 2 * TimerEarlyMs, 450);
    }

    [Fact]
    public async Task An_optional_part_that_hangs_times_out_and_the_profile_comes_back_degraded_within_the_budget()
    {
        // Warm first: on a fresh cluster the member's first grain activations (views from Redis, network's
        // presence lookups) can overrun a 500 ms budget, and this test is about skills hanging, not a cold start.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/profiles/42?viewer=7&budget=5000", faults: null)).Status);

        var profile = await GetAsync("/api/profiles/42?viewer=7&budget=500", "skills=hang");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.True(profile.Body.GetProperty("degraded").GetBoolean());
        Assert.Equal("timeout", profile.StatusOf("skills"));
        Assert.All(profile.PartNames.Where(part => part != "skills"), part => Assert.Equal("ok", profile.StatusOf(part)));
        // Skills was given its time: the gateway keeps back at most a fifth of the budget to answer in
        // (FanOut:MaxReserveShare), which it does only once fan-outs have been late, so the parts are
        // stopped no sooner than 400 ms. The scope's clock starts a little after its deadline's.
        Assert.InRange(profile.ElapsedMs, (500 * 0.8) - TimerEarlyMs, 500 + 250);
    }

    [Fact]
    public async Task The_required_part_failing_is_a_502_and_cancels_its_siblings()
    {
        var profile = await GetAsync("/api/profiles/42?viewer=7&budget=5000", "members=error:internal; " + OthersTake2S);

        Assert.Equal(HttpStatusCode.BadGateway, profile.Status);
        Assert.Equal("Required part 'members' failed", profile.Body.GetProperty("title").GetString());
        Assert.Equal("failed", profile.StatusOf("members"));
        // The failure can land while the last parts are still being started: those are skipped, never run.
        Assert.All(profile.PartNames.Where(part => part != "members"), part => Assert.Contains(profile.StatusOf(part), StoppedUnfinished));
        Assert.Contains("cancelled", profile.PartNames.Select(profile.StatusOf));
        Assert.True(profile.ElapsedMs < 1000, $"the siblings ran on: {profile.ElapsedMs} ms");
    }

    [Fact]
    public async Task The_required_part_hanging_is_a_504_and_its_siblings_are_cancelled()
    {
        var profile = await GetAsync("/api/profiles/42?viewer=7&budget=500", "members=hang; " + OthersTake2S);

        Assert.Equal(HttpStatusCode.GatewayTimeout, profile.Status);
        Assert.Equal("timeout", profile.StatusOf("members"));
        Assert.All(profile.PartNames.Where(part => part != "members"), part => Assert.Equal("cancelled", profile.StatusOf(part)));
    }

    [Fact]
    public async Task The_gateway_takes_the_posts_it_needs_and_the_activity_service_sees_its_stream_cancelled()
    {
        // A stream of an earlier test may still be unwinding: it would be counted as this one's.
        var before = await ActivityWorkOnceAsync(work => work.InFlight == 0);

        var profile = await GetAsync("/api/profiles/42?posts=3&budget=5000", faults: null);

        Assert.Equal(3, profile.Body.GetProperty("activity").GetProperty("posts").GetArrayLength());
        // Every stream the gateway opened (a hedge may have opened two) is cancelled, none runs to its end;
        // the service counts each one when its handler unwinds, a moment after the gateway has answered.
        var attempts = profile.Part("activity").GetProperty("attempts").GetInt32();
        var after = await ActivityWorkOnceAsync(work => work.InFlight == 0 && work.Cancelled - before.Cancelled >= attempts);

        Assert.Equal(before.Completed, after.Completed);
        Assert.Equal(before.Cancelled + attempts, after.Cancelled);
    }

    /// <summary>The activity service's own counts once they satisfy <paramref name="settled"/>, or the last read after 10 s.</summary>
    private async Task<WorkCounts> ActivityWorkOnceAsync(Func<WorkCounts, bool> settled)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var work = (await fixture.System.WorkOfAsync("activity", TestTimeouts.Within(30)))["activity"];
            if (settled(work) || DateTime.UtcNow >= giveUpAt)
            {
                return work;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_stream_sends_each_part_as_it_lands_then_the_summary()
    {
        using var response = await fixture.Gateway.GetAsync("/api/profiles/42/stream?viewer=7", HttpCompletionOption.ResponseHeadersRead, TestTimeouts.Within(60));
        var events = await ServerSentEvents.ReadAllAsync(response, TestTimeouts.Within(60));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(7, events.Count(e => e.Type == "part"));
        Assert.Equal("done", events[^1].Type);
        Assert.Equal(200, events[^1].Data.GetProperty("status").GetInt32());
        Assert.Equal(7, events[^1].Data.GetProperty("parts").GetArrayLength());
    }
}
