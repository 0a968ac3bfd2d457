using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Gateway.Hosting;

namespace Profiles.Gateway.Tests;

public sealed class AdmissionControlTests
{
    [Fact]
    public async Task A_request_beyond_the_limit_waits_for_a_turn_instead_of_failing()
    {
        var held = new HeldRequests();
        await using var app = await StartAsync(maxConcurrent: 1, maxQueued: 1, held);
        using var client = app.GetTestClient();
        try
        {
            var first = client.GetAsync("/held", TestContext.Current.CancellationToken);
            await held.FirstStarted.WaitAsync(TestContext.Current.CancellationToken);
            var second = client.GetAsync("/held", TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

            Assert.Equal(1, held.Started);
            Assert.False(second.IsCompleted);
            held.Release();
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
        }
        finally
        {
            held.Release();
        }
    }

    [Fact]
    public async Task A_request_beyond_a_full_queue_is_refused_at_once_with_a_problem()
    {
        var held = new HeldRequests();
        await using var app = await StartAsync(maxConcurrent: 1, maxQueued: 0, held);
        using var client = app.GetTestClient();
        try
        {
            var first = client.GetAsync("/held", TestContext.Current.CancellationToken);
            await held.FirstStarted.WaitAsync(TestContext.Current.CancellationToken);
            using var refused = await client.GetAsync("/held", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
            Assert.Equal("Too many profile requests", problem?.Title);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            held.Release();
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        }
        finally
        {
            held.Release();
        }
    }

    [Fact]
    public async Task Once_the_queue_has_stood_for_its_longest_wait_a_new_request_is_refused_at_once()
    {
        var held = new HeldRequests();
        await using var app = await StartAsync(maxConcurrent: 1, maxQueued: 100, held, maxQueueWait: TimeSpan.FromMilliseconds(300));
        using var client = app.GetTestClient();
        try
        {
            var first = client.GetAsync("/held", TestContext.Current.CancellationToken);
            await held.FirstStarted.WaitAsync(TestContext.Current.CancellationToken);
            var queued = client.GetAsync("/held", TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
            var refusedAfter = Stopwatch.StartNew();
            using var refused = await client.GetAsync("/held", TestContext.Current.CancellationToken);
            refusedAfter.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            // Refused at the door, not after a wait of its own: generous, since the test runs on a busy machine.
            Assert.True(refusedAfter.Elapsed < TimeSpan.FromMilliseconds(300) * 10, $"refused after {refusedAfter.Elapsed}");
            Assert.False(queued.IsCompleted);
            held.Release();
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
            using var afterwards = await client.GetAsync("/held", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        }
        finally
        {
            held.Release();
        }
    }

    private static async Task<WebApplication> StartAsync(int maxConcurrent, int maxQueued, HeldRequests held, TimeSpan? maxQueueWait = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AdmissionOptions.SectionName}:{nameof(AdmissionOptions.MaxConcurrentFanOuts)}"] = maxConcurrent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{AdmissionOptions.SectionName}:{nameof(AdmissionOptions.MaxQueuedRequests)}"] = maxQueued.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{AdmissionOptions.SectionName}:{nameof(AdmissionOptions.MaxQueueWait)}"] = (maxQueueWait ?? TimeSpan.FromSeconds(1)).ToString(),
        });
        builder.AddAdmissionControl();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapGet("/held", async () =>
        {
            await held.HoldAsync();
            return Results.Ok();
        }).RequireRateLimiting(AdmissionExtensions.ProfilesPolicy);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    /// <summary>
    /// Requests held inside the limiter until released. Released in every test's <c>finally</c> too:
    /// the app's disposal waits for its requests, so a failed assertion would otherwise hang the run.
    /// </summary>
    private sealed class HeldRequests
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Task FirstStarted => _firstStarted.Task;

        public async Task HoldAsync()
        {
            Interlocked.Increment(ref _started);
            _firstStarted.TrySetResult();
            await _release.Task;
        }

        public void Release() => _release.TrySetResult();
    }
}
