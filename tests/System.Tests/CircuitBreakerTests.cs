using System.Net;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>
/// A failing backend fails its part at once, rather than costing every request its whole budget.
/// The backend fails through its dashboard command (<c>fault-fail</c>: every call Unavailable). A
/// backend stopped outright is not the same under Aspire: DCP's proxy still accepts its connections,
/// so calls wait out their deadline, and a call ended by the part's deadline is not counted by the
/// breaker (docs/architecture.md, "Resilience").
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class CircuitBreakerTests(SystemFixture fixture)
{
    private static readonly string[] FailedOrTimedOut = ["failed", "timeout"];

    /// <summary>
    /// Requests sent together each round: the breaker judges at least 5 calls within 5 s.
    /// </summary>
    private const int RequestsPerRound = 8;

    [Fact]
    public async Task A_failing_backend_opens_its_breaker_and_profiles_come_back_degraded_at_once()
    {
        await fixture.System.ExecuteCommandAsync("experience", "fault-fail", TestTimeouts.Within(30));
        try
        {
            Profile? broken = null;
            var seen = new List<string>();
            for (var round = 0; round < 10 && broken is null; round++)
            {
                var profiles = await Task.WhenAll(Enumerable.Range(0, RequestsPerRound).Select(_ => GetAsync()));
                seen.Add(string.Join(", ", profiles.Select(profile => Describe(profile.Part("experience")))));
                foreach (var profile in profiles)
                {
                    Assert.Equal(HttpStatusCode.OK, profile.Status);
                    // Retries of an Unavailable call can run into the deadline before the breaker opens.
                    Assert.Contains(profile.StatusOf("experience"), FailedOrTimedOut);
                }

                // Once open, the breaker answers without a single call; on the way there, retries may have called twice.
                broken = profiles.FirstOrDefault(profile =>
                    profile.Part("experience").GetProperty("error").GetString() == "circuit-open"
                    && profile.Part("experience").GetProperty("attempts").GetInt32() == 0);
            }

            Assert.True(broken is not null, "no profile said circuit-open without an attempt; experience, round by round: " + string.Join(" | ", seen));
            Assert.True(broken.Body.GetProperty("degraded").GetBoolean());
            Assert.True(broken.Part("experience").GetProperty("elapsedMs").GetDouble() < 50, "an open breaker should answer without waiting");
        }
        finally
        {
            await fixture.System.ExecuteCommandAsync("experience", "fault-heal", TestTimeouts.Within(30));
            await WaitForExperienceAsync();
        }
    }

    private static string Describe(JsonElement part) =>
        $"{part.GetProperty("status").GetString()} after {part.GetProperty("attempts").GetInt32()} ({part.GetProperty("error").GetString()})";

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
