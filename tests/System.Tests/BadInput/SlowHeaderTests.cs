using System.Globalization;
using System.Net;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Slowloris against the gateway's own Kestrel, over raw loopback connections: requests whose
/// line or headers arrive slowly and never end. The gateway sets none of Kestrel's limits
/// (<see cref="KestrelLimits"/>), so Kestrel's defaults are what hold, and each is met here:
/// <list type="bullet">
/// <item><c>RequestHeadersTimeout</c> (30 s) bounds the whole request line and header block, however
/// steadily its bytes arrive: a 408, then the connection closed.</item>
/// <item><c>MaxRequestLineSize</c> (8 KB) is checked as the line grows, before it ends: a 414.</item>
/// <item><c>MaxRequestHeaderCount</c> (100) and <c>MaxRequestHeadersTotalSize</c> (32 KB) likewise,
/// before the header block ends: a 431.</item>
/// </list>
/// Meanwhile every other client is served.
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class SlowHeaderTests(SystemFixture fixture)
{
    private const int ConnectionsEach = 4;

    private const string RequestLine = "GET /api/profiles/42?budget=5000 HTTP/1.1\r\n";

    private const string Host = "Host: localhost\r\n";

    private static readonly (string Name, string Start, Func<int, string> Piece, TimeSpan Interval, int Status)[] Trickles =
    [
        ("a header byte a second", RequestLine + Host + "x-slow: ", _ => "a", TimeSpan.FromSeconds(1), 408),
        ("a request line byte a second", "", i => RequestLine[Math.Min(i, RequestLine.Length - 3)].ToString(), TimeSpan.FromSeconds(1), 408),
        ("a header line every 100 ms", RequestLine + Host, i => $"x-slow-{i}: v\r\n", TimeSpan.FromMilliseconds(100), 431),
        ("2 KB of a header value a second", RequestLine + Host + "x-slow: ", _ => new string('a', 2_048), TimeSpan.FromSeconds(1), 431),
        ("1 KB of the request target a second", "GET /api/profiles/42?viewer=", _ => new string('1', 1_024), TimeSpan.FromSeconds(1), 414),
    ];

    [Fact(Timeout = 5 * 60 * 1000)]
    public async Task Slow_endless_requests_meet_kestrels_limits_while_other_clients_are_served()
    {
        var cancellationToken = TestTimeouts.Within(240);
        using var gateway = GatewayUnderTest.Find(fixture.System);

        var slow = Trickles
            .SelectMany(trickle => Enumerable.Range(0, ConnectionsEach).Select(async _ =>
                (trickle.Name, trickle.Status, Outcome: await SlowClient.TrickleAsync(gateway.Endpoint, trickle.Start, trickle.Piece, trickle.Interval, cancellationToken))))
            .ToList();
        var served = await ServeOthersUntilAsync(gateway, Task.WhenAll(slow), cancellationToken);

        foreach (var (name, status, (answer, closedAfter)) in await Task.WhenAll(slow))
        {
            Assert.True(answer.Status == status && answer.IsKestrelRefusal, $"{name}: expected Kestrel's {status}, got {answer}");
            Assert.True(closedAfter, $"{name}: the connection stayed open after the {status}");
        }

        Assert.NotEmpty(served);
        Assert.All(served, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(gateway.IsSameProcess(fixture.System), "the gateway's process is not the one the slow clients met");
    }

    /// <summary>A profile every half second from an ordinary client, for as long as the slow ones are at it.</summary>
    private static async Task<List<HttpStatusCode>> ServeOthersUntilAsync(GatewayUnderTest gateway, Task slowClients, CancellationToken cancellationToken)
    {
        var statuses = new List<HttpStatusCode>();
        for (var member = 1; !slowClients.IsCompleted; member++)
        {
            using var response = await gateway.Client.GetAsync(
                new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/profiles/{member}?budget=5000"), UriKind.Relative), cancellationToken);
            statuses.Add(response.StatusCode);
            await Task.WhenAny(slowClients, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
        }

        return statuses;
    }
}
