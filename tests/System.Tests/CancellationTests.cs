using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>A client that goes away (a plain request or the SSE stream) takes every piece of work it caused with it, in every process.</summary>
[Collection(nameof(WholeSystem))]
public sealed class CancellationTests(SystemFixture fixture)
{
    // network answers at once and then waits on its presence lookups, so the abort reaches those nested grain calls too.
    // The latency and the budget (the largest the gateway takes) outlast the wait for the fan-out to arrive.
    private const string SlowEverywhere = "*=latency:10s; network=latency:1ms";

    [Theory]
    [InlineData("/api/profiles/42?viewer=7&budget=10000")]
    [InlineData("/api/profiles/42/stream?viewer=7&budget=10000")]
    public async Task A_client_abort_cancels_the_work_in_every_backend_including_the_nested_grain_calls(string pathAndQuery)
    {
        var before = await SnapshotAsync();

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("x-fault", SlowEverywhere);
        var exchange = ReadToEndAsync(request, abort.Token);

        // The abort comes once the fan-out is in every process, so that each has work of its own to cancel.
        // An abort that overtakes a grain call still on its way is another case: Orleans cancels that call a
        // second later, when it retries the cancellation (docs/architecture.md, "The deadline's hops").
        var arrived = await ArrivedEverywhereAsync(before);
        abort.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exchange);
        Assert.True(arrived, "the request's work did not reach every process: " + Describe(before, await SnapshotAsync()));

        // Every service's own counters, not the gateway's view of them.
        var settled = await PollAsync(TimeSpan.FromSeconds(1), async () =>
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

    private async Task ReadToEndAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await fixture.Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>
    /// Every process has work in flight, the nested presence lookups included, and no new attempt
    /// (a hedge) has arrived between two looks a quarter of a second apart.
    /// </summary>
    private async Task<bool> ArrivedEverywhereAsync(Dictionary<string, Dictionary<string, WorkCounts>> before)
    {
        long? attemptsSeen = null;
        return await PollAsync(TimeSpan.FromSeconds(8), async () =>
        {
            var now = await SnapshotAsync();
            var everywhere = DistributedSystem.Backends.All(resource => now[resource].Values.Any(counts => counts.InFlight > 0))
                && now["silo"].GetValueOrDefault(PresenceService, WorkCounts.None).InFlight > 0;
            var attempts = now.Sum(resource => resource.Value.Values.Sum(counts => counts.Attempts))
                - before.Sum(resource => resource.Value.Values.Sum(counts => counts.Attempts));
            var steady = attempts == attemptsSeen;
            attemptsSeen = attempts;
            return everywhere && steady;
        }, interval: TimeSpan.FromMilliseconds(250));
    }

    private const string PresenceService = "presence";

    private async Task<Dictionary<string, Dictionary<string, WorkCounts>>> SnapshotAsync()
    {
        var reads = DistributedSystem.Backends.ToDictionary(resource => resource, resource => fixture.System.WorkOfAsync(resource, TestTimeouts.Within(30)));
        await Task.WhenAll(reads.Values);
        return reads.ToDictionary(pair => pair.Key, pair => pair.Value.Result);
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

    /// <summary>
    /// After an abort, one second is generous: cancellation travels in milliseconds. It is also shorter
    /// than Orleans' retry of a cancellation that found no call, so a test that passes was not saved by it.
    /// </summary>
    private static async Task<bool> PollAsync(TimeSpan within, Func<Task<bool>> condition, TimeSpan? interval = null)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }

        return await condition();
    }
}
