using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
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
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new StrongBox<int>();
        await using var app = await StartAsync(maxConcurrent: 1, maxQueued: 1, release.Task, started);
        using var client = app.GetTestClient();

        var first = client.GetAsync("/held", TestContext.Current.CancellationToken);
        var second = client.GetAsync("/held", TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        Assert.Equal(1, Volatile.Read(ref started.Value));
        Assert.False(second.IsCompleted);
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
    }

    [Fact]
    public async Task A_request_beyond_a_full_queue_is_refused_at_once_with_a_problem()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync(maxConcurrent: 1, maxQueued: 0, release.Task, new StrongBox<int>());
        using var client = app.GetTestClient();

        var first = client.GetAsync("/held", TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        using var refused = await client.GetAsync("/held", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Equal("Too many profile requests", problem?.Title);
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    private static async Task<WebApplication> StartAsync(int maxConcurrent, int maxQueued, Task held, StrongBox<int> started)
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
            Interlocked.Increment(ref started.Value);
            await held;
            return Results.Ok();
        }).RequireRateLimiting(AdmissionExtensions.ProfilesPolicy);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
