using System.Diagnostics;
using System.Net;

namespace Profiles.Load.Driving;

/// <summary>
/// Sends profile requests to the gateway and times them. One HTTP/1.1 connection per request in
/// flight (the gateway speaks HTTP/1.1), up to <see cref="MaxConnections"/>, so the client queues
/// only when the gateway holds more requests than a C10K run sends at once.
/// </summary>
public sealed class LoadClient : IDisposable
{
    /// <summary>
    /// Connections to the gateway at once, at most. A process here may hold 20,000 open files, and
    /// one that reaches them stops with "Out of memory." (seen 2026-12-05 in the harness and the
    /// gateway, when the gateway stalled under an open-loop burst of 3,000 requests a second and
    /// every arrival opened a connection of its own). Above the 10,000 the inflight scenario holds;
    /// a request beyond it waits for a connection, timed, as every request, from when it was due.
    /// </summary>
    public const int MaxConnections = 12_000;

    private readonly HttpClient _http;

    public LoadClient(Uri gateway, TimeSpan timeout) => _http = CreateHttpClient(gateway, timeout);

    /// <summary>An HTTP client for load: as many connections as the load wants, up to <see cref="MaxConnections"/>, straight to the gateway.</summary>
    public static HttpClient CreateHttpClient(Uri gateway, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = MaxConnections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        UseProxy = false,
    })
    {
        BaseAddress = gateway,
        Timeout = timeout,
    };

    /// <summary>
    /// Sends one request and reads its whole body. The outcome is the HTTP status, or 0 when no
    /// answer came (refused, reset, timed out), and a profile's critical part and body; a cancellation by
    /// <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<Outcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(startedAt);
            var body = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
            return new Outcome((int)response.StatusCode, latency, body is null ? null : CriticalPart.Of(body), response.Headers.RetryAfter?.Delta, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(NoAnswer, Stopwatch.GetElapsedTime(startedAt));
        }
        finally
        {
            request.Dispose();
        }
    }

    public const int NoAnswer = 0;

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// How one request ended: its status (<see cref="LoadClient.NoAnswer"/> if none), how long it took,
/// for a profile, the part that decided its latency, how long the answer asked the client to
/// wait before it asks again (<c>Retry-After</c>, as a number of seconds), a success's body, and
/// how much of the latency the request spent in the client before it was sent (an open loop's
/// latency counts from when the request was due).
/// </summary>
public readonly record struct Outcome(
    int Status,
    TimeSpan Latency,
    string? CriticalPart = null,
    TimeSpan? RetryAfter = null,
    byte[]? Body = null,
    TimeSpan Unsent = default)
{
    public bool IsSuccess => Status == (int)HttpStatusCode.OK;
}
