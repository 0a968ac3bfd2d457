using System.Net;

namespace Profiles.System.Tests;

/// <summary>A dead backend fails its part at once, rather than costing every request its whole budget.</summary>
[Collection(nameof(WholeSystem))]
public sealed class CircuitBreakerTests(SystemFixture fixture)
{
    private static readonly string[] FailedOrTimedOut = ["failed", "timeout"];

    /// <summary>
    /// Requests sent together each round: the breaker judges at least 5 calls within 5 s, and a call
    /// to a stopped backend waits out its deadline, so one request at a time would never be judged.
    /// </summary>
    private const int RequestsPerRound = 8;

    [Fact]
    public async Task A_killed_backend_opens_its_breaker_and_profiles_come_back_degraded_at_once()
    {
        await fixture.System.StopResourceAsync("experience", TestTimeouts.Within(30));
        try
        {
            Profile? broken = null;
            for (var round = 0; round < 10 && broken is null; round++)
            {
                var profiles = await Task.WhenAll(Enumerable.Range(0, RequestsPerRound).Select(_ => GetAsync()));
                foreach (var profile in profiles)
                {
                    Assert.Equal(HttpStatusCode.OK, profile.Status);
                    // DCP's proxy still accepts connections for a stopped resource, so until the breaker
                    // opens a call waits out its deadline rather than being refused.
                    Assert.Contains(profile.StatusOf("experience"), FailedOrTimedOut);
                }

                // Once open, the breaker answers without a single call; on the way there, retries may have called twice.
                broken = profiles.FirstOrDefault(profile =>
                    profile.Part("experience").GetProperty("error").GetString() == "circuit-open"
                    && profile.Part("experience").GetProperty("attempts").GetInt32() == 0);
            }

            Assert.NotNull(broken);
            Assert.True(broken.Body.GetProperty("degraded").GetBoolean());
            Assert.True(broken.Part("experience").GetProperty("elapsedMs").GetDouble() < 50, "an open breaker should answer without waiting");
        }
        finally
        {
            await fixture.System.StartResourceAsync("experience", TestTimeouts.Within(60));
            await WaitForExperienceAsync();
        }
    }

    private Task<Profile> GetAsync() => Profile.GetAsync(fixture.Gateway, "/api/profiles/42?budget=1000", null, TestTimeouts.Within(60));

    /// <summary>The breaker lets a trial call through after its break; the other tests need experience back.</summary>
    private async Task WaitForExperienceAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await GetAsync()).StatusOf("experience") == "ok")
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
