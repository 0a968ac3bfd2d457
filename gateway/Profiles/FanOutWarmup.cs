using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// Fetches one profile end to end before the gateway reports ready. A fresh gateway pays for JIT,
/// HTTP/2 connections and the first grain activations on its first request, which would otherwise
/// blow that request's 500 ms budget and show a newcomer a degraded profile for no reason the
/// demo is about. The warm-up is a real request (member 1, anonymous viewer, generous budget), so
/// it leaves a trace and an anonymous view like any other.
/// </summary>
public sealed partial class FanOutWarmup(ProfileFanOut fanOut, ILogger<FanOutWarmup> logger) : BackgroundService, IHealthCheck
{
    private static readonly ProfileQuery WarmupQuery = new(
        MemberId: 1, ViewerId: 0, FanOutMode.Concurrent, Budget: TimeSpan.FromSeconds(10), Posts: 1, Hedging: false, FaultHeader: null);

    private readonly TaskCompletionSource _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await fanOut.FetchAsync(WarmupQuery, onPartLanded: null, stoppingToken);
            LogWarmedUp(logger, outcome.Response.ElapsedMs, outcome.Response.Degraded);
        }
        finally
        {
            // A failed warm-up only means the first real request pays for it: it must not keep the gateway out of service.
            _warmedUp.TrySetResult();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_warmedUp.Task.IsCompleted ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("warming up"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up with one profile in {ElapsedMs} ms (degraded: {Degraded}).")]
    private static partial void LogWarmedUp(ILogger logger, double elapsedMs, bool degraded);
}
