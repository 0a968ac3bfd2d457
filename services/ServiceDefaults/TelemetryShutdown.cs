using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Sends the telemetry still buffered when the host has stopped, for at most <see cref="Allowance"/>.
/// <para>
/// Left to their disposal, OpenTelemetry's providers give their last export up to 5 s each, one
/// after another, and an export may wait out the exporter's 10 s timeout. When the AppHost stops,
/// the dashboard goes first while DCP's proxy still accepts connections on its OTLP port, so every
/// one of those waits is spent: a backend with a few spans still buffered took 12 s to exit
/// (measured 2026-12-05; a <c>ShutdownTests</c> run failed on it). Shut down here, the three
/// providers wait side by side and briefly, and their disposal finds nothing left to do.
/// </para>
/// </summary>
internal sealed class TelemetryShutdown(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>On loopback a live collector takes milliseconds; this leaves room for a busy machine.</summary>
    public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(2);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var milliseconds = (int)Allowance.TotalMilliseconds;
        // Shutdown blocks its caller until the export ends or the time is up, so each gets a thread of its own.
        return Task.WhenAll(
            Task.Run(() => services.GetService<TracerProvider>()?.Shutdown(milliseconds), CancellationToken.None),
            Task.Run(() => services.GetService<MeterProvider>()?.Shutdown(milliseconds), CancellationToken.None),
            Task.Run(() => services.GetService<LoggerProvider>()?.Shutdown(milliseconds), CancellationToken.None));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
