using System.Diagnostics;
using System.Net;

namespace Profiles.Load.Driving;

/// <summary>
/// Sends profile requests to the gateway and times them. One HTTP/1.1 connection per request in
/// flight (the gateway speaks HTTP/1.1), with no cap on connections, so the client is never the
/// thing that queues.
/// </summary>
public sealed class LoadClient : IDisposable
{
    private readonly HttpClient _http;

    public LoadClient(Uri gateway, TimeSpan timeout) => _http = CreateHttpClient(gateway, timeout);

    /// <summary>An HTTP client for load: as many connections as the load wants, straight to the gateway.</summary>
    public static HttpClient CreateHttpClient(Uri gateway, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        UseProxy = false,
    })
    {
        BaseAddress = gateway,
        Timeout = timeout,
    };

    /// <summary>
    /// Sends one request and reads its whole body. The outcome is the HTTP status, or 0 when no
    /// answer came (refused, reset, timed out), and a profile's critical part; a cancellation by
    /// <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<Outcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(startedAt);
            var criticalPart = response.IsSuccessStatusCode
                ? CriticalPart.Of(await response.Content.ReadAsByteArrayAsync(cancellationToken))
                : null;
            return new Outcome((int)response.StatusCode, latency, criticalPart);
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
/// and, for a profile, the part that decided its latency.
/// </summary>
public readonly record struct Outcome(int Status, TimeSpan Latency, string? CriticalPart = null)
{
    public bool IsSuccess => Status == (int)HttpStatusCode.OK;
}
