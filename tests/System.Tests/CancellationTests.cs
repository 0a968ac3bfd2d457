using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>A client that goes away (a plain request or the SSE stream) takes every piece of work it caused with it, in every process.</summary>
[Collection(nameof(WholeSystem))]
public sealed class CancellationTests(SystemFixture fixture)
{
    // network answers at once and then waits on its presence lookups, so the abort reaches those nested grain calls too.
    private const string SlowEverywhere = "*=latency:2s; network=latency:1ms";

    [Theory]
    [InlineData("/api/profiles/42?viewer=7&budget=5000")]
    [InlineData("/api/profiles/42/stream?viewer=7&budget=5000")]
    public async Task A_client_abort_cancels_the_work_in_every_backend_including_the_nested_grain_calls(string pathAndQuery)
    {
        var before = await SnapshotAsync();

        using (var abort = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            request.Headers.Add("x-fault", SlowEverywhere);
            abort.CancelAfter(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                using var response = await fixture.Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
                await response.Content.CopyToAsync(Stream.Null, abort.Token);
            });
        }

        // Every service's own counters, not the gateway's view of them.
        var settled = await PollAsync(async () =>
        {
            var after = await SnapshotAsync();
            return DistributedSystem.Backends.All(resource =>
                after[resource].Values.All(counts => counts.InFlight == 0)
                && CancelledSince(before, after, resource) > 0);
        });

        var final = await SnapshotAsync();
        Assert.True(settled, Describe(before, final));
        Assert.True(CancelledSince(before, final, "silo", "presence") > 1, "the network service's nested presence lookups were not cancelled: " + Describe(before, final));
    }

    private async Task<Dictionary<string, Dictionary<string, WorkCounts>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, Dictionary<string, WorkCounts>>();
        foreach (var resource in DistributedSystem.Backends)
        {
            snapshot[resource] = await fixture.System.WorkOfAsync(resource, TestTimeouts.Within(30));
        }

        return snapshot;
    }

    private static long CancelledSince(
        Dictionary<string, Dictionary<string, WorkCounts>> before,
        Dictionary<string, Dictionary<string, WorkCounts>> after,
        string resource,
        string? service = null)
    {
        long Cancelled(Dictionary<string, WorkCounts> counts) =>
            counts.Where(pair => service is null || pair.Key == service).Sum(pair => pair.Value.Cancelled);
        return Cancelled(after[resource]) - Cancelled(before[resource]);
    }

    private static string Describe(Dictionary<string, Dictionary<string, WorkCounts>> before, Dictionary<string, Dictionary<string, WorkCounts>> after) =>
        string.Join("; ", after.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value.Select(service => $"{service.Key} {service.Value} (cancelled before: {(before[pair.Key].TryGetValue(service.Key, out var old) ? old.Cancelled : 0)})"))}"));

    /// <summary>Within a second of the abort: cancellation travels in milliseconds, so this is a generous bound.</summary>
    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return await condition();
    }
}
