using System.Net;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>
/// A failing backend fails its part at once, rather than costing every request its whole budget.
/// The backend fails through its dashboard command (<c>fault-fail</c>: every call Unavailable). A
/// backend killed outright is the chaos scenario's (tests/Load.Tests): DCP's proxy still accepts its
/// connections, so its calls run into their deadline, which the breaker counts too
/// (docs/architecture.md, "Resilience").
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class CircuitBreakerTests(SystemFixture fixture)
{
    private static readonly string[] FailedOrTimedOut = ["failed", "timeout"];

    /// <summary>
    /// Requests sent together each round: the breaker judges at least 5 calls within 5 s.
    /// </summary>
    private const int RequestsPerRound = 8;

    /// <summary>
    /// The breaker judges the ratio of failures over its last 5 s, in which the tests before may have
    /// had hundreds of successful calls: rounds go on, a little apart, until those have slid out of it.
    /// </summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan BetweenRounds = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_failing_backend_opens_its_breaker_and_profiles_come_back_degraded_at_once()
    {
        await fixture.System.ExecuteCommandAsync("experience", "fault-fail", TestTimeouts.Within(30));
        try
        {
            Profile? broken = null;
            var seen = new List<string>();
            var giveUpAt = DateTime.UtcNow + GiveUpAfter;
            while (broken is null && DateTime.UtcNow < giveUpAt)
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
                await Task.Delay(BetweenRounds, TestContext.Current.CancellationToken);
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
