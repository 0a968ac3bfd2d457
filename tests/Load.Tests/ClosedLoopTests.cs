using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Profiles.Load.Driving;

namespace Profiles.Load.Tests;

public sealed class ClosedLoopTests
{
    [Fact]
    public async Task A_client_told_to_retry_after_a_second_waits_that_long_before_it_asks_again()
    {
        var asked = new List<long>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var gateway = builder.Build();
        gateway.MapGet("/api/profiles/{id}", (HttpResponse response) =>
        {
            lock (asked)
            {
                asked.Add(Stopwatch.GetTimestamp());
                if (asked.Count > 1)
                {
                    return Results.Ok();
                }
            }

            response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await gateway.StartAsync(TestContext.Current.CancellationToken);
        using var client = new LoadClient(new Uri(gateway.Urls.Single()), TimeSpan.FromSeconds(30));

        var run = await ClosedLoop.RunAsync("shed once", client, new ProfileRequest("concurrent", Fault: null, TimeSpan.FromSeconds(1)),
            clients: 1, requests: 2, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<int, long> { [503] = 1, [200] = 1 }, run.ByStatus.OrderBy(pair => pair.Key).ToDictionary());
        // Not to the millisecond: the runtime's timers may fire up to a 4 ms tick early. Without the wait, the next ask follows in milliseconds.
        var again = Stopwatch.GetElapsedTime(asked[0], asked[1]);
        Assert.True(again >= TimeSpan.FromSeconds(0.9), $"asked again after {again}");
    }
}
