using System.Globalization;
using System.Net;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Clients of the SSE stream that read nothing, hang up after the headers, leave partway through
/// an event, or read slowly. None of them gets a 5xx, none of them takes the gateway down, and
/// the gateway streams whole profiles afterwards.
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class MisbehavingStreamClientTests(SystemFixture fixture)
{
    /// <summary>
    /// Four clients of each kind: 20 slow views answers stay under 5 % of the 512 latencies the
    /// gateway's hedging keeps per part, so the p95 that later tests hedge at does not move.
    /// </summary>
    private const int ClientsEach = 4;

    [Fact(Timeout = 5 * 60 * 1000)]
    public async Task Stream_clients_that_read_nothing_or_leave_mid_event_get_no_5xx_and_leave_the_gateway_streaming()
    {
        var cancellationToken = TestTimeouts.Within(180);
        using var gateway = GatewayUnderTest.Find(fixture.System);
        var endpoint = gateway.Endpoint;

        var leaving = Enumerable.Range(0, ClientsEach).SelectMany(i => new[]
        {
            StreamClients.ReadsNothingAsync(endpoint, Request(100 + i), TimeSpan.FromSeconds(3), reset: false, cancellationToken),
            StreamClients.ReadsNothingAsync(endpoint, Request(200 + i), TimeSpan.FromMilliseconds(300), reset: true, cancellationToken),
            StreamClients.LeavesAfterHeadersAsync(endpoint, Request(300 + i), cancellationToken),
            StreamClients.LeavesMidEventAsync(endpoint, Request(400 + i), cancellationToken),
        }).ToList();
        var slow = Enumerable.Range(0, ClientsEach).Select(i => StreamClients.ReadsSlowlyAsync(endpoint, Request(500 + i), cancellationToken)).ToList();

        var statusLines = await Task.WhenAll(leaving);
        Assert.All(statusLines.OfType<string>(), line => Assert.StartsWith("HTTP/1.1 200 ", line, StringComparison.Ordinal));
        foreach (var response in await Task.WhenAll(slow))
        {
            Assert.Null(AnswerRules.Violation(Expectation.Answer, response));
        }

        Assert.True(gateway.IsSameProcess(fixture.System), "the gateway's process is not the one the stream clients met");
        Assert.Equal(HttpStatusCode.OK, await gateway.HealthAsync(cancellationToken));
        var whole = await RawHttp.SendAsync(endpoint, Request(42, faults: null), cancellationToken);
        Assert.Null(AnswerRules.Violation(Expectation.Answer, whole));
        Assert.Equal(200, ServerSentEvents.Parse(whole.Text)[^1].Data.GetProperty("status").GetInt32());
    }

    /// <summary>
    /// By default the <c>views</c> part answers a second late, so six part events come at once and
    /// the last and <c>done</c> a second later: a client that leaves in between leaves mid-stream.
    /// </summary>
    private static string Request(int member, string? faults = "views=latency:1s") =>
        string.Create(CultureInfo.InvariantCulture, $"GET /api/profiles/{member}/stream?budget=5000 HTTP/1.1\r\nHost: localhost\r\n")
        + (faults is null ? "" : $"x-fault: {faults}\r\n")
        + "\r\n";
}
