using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Tests;

/// <summary>Which parts hold an attempt their deadline stopped against their backend (ProfilePart's rule).</summary>
public sealed class ProfilePartTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false, typeof(TimeoutException))]
    [InlineData(true, typeof(OperationCanceledException))]
    public async Task An_attempt_its_deadline_stopped_counts_against_an_optional_parts_backend_and_not_against_the_required_parts(bool required, Type thrown)
    {
        var part = new FakePart(_time, "part", required, async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return "never";
        });
        var budget = TimeSpan.FromSeconds(1);
        var query = new ProfileQuery(42, 7, FanOutMode.Concurrent, budget, 5, Hedging: false, FaultHeader: null);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var fetch = part.FetchAsync(query, new AttemptLog(), _time.GetUtcNow().UtcDateTime + budget, deadline.Token, deadline.Token);
        _time.Advance(budget);
        await deadline.CancelAsync();

        // A TimeoutException is what the breaker counts (TransientFailures.IsBackendFailure); a cancellation it does not.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fetch);
        Assert.IsAssignableFrom(thrown, error);
    }
}
