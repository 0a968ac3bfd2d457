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
            held.Release();
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        }
        finally
        {
            held.Release();
        }
    }

    private static async Task<WebApplication> StartAsync(int maxConcurrent, int maxQueued, HeldRequests held)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AdmissionOptions.SectionName}:{nameof(AdmissionOptions.MaxConcurrentFanOuts)}"] = maxConcurrent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{AdmissionOptions.SectionName}:{nameof(AdmissionOptions.MaxQueuedRequests)}"] = maxQueued.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
