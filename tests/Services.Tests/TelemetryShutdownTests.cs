using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Profiles.Services.Tests;

/// <summary>
/// A process stops in about <c>TelemetryShutdown.Allowance</c> even while an export hangs: as when
/// the AppHost stops, the dashboard is gone and DCP's proxy still accepts connections on its OTLP
/// port but never answers. Without the bound, the providers' disposal waits 5 s each behind the
/// exporter's 10 s timeout.
/// </summary>
public sealed class TelemetryShutdownTests
{
    /// <summary>Generous against the 2 s allowed, and short of the 15 s the providers take without it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_process_whose_collector_never_answers_stops_within_the_allowance()
    {
        using var collector = new SilentCollector();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        using var source = new ActivitySource(Extensions.ProfileSources[0]);
        source.StartActivity("buffered")?.Dispose();

        // The trace exporter is now waiting on the collector, as an export in flight when the dashboard went would.
        _ = Task.Run(() => host.Services.GetRequiredService<TracerProvider>().ForceFlush(), CancellationToken.None);
        await collector.Connected.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var stopping = Stopwatch.StartNew();
        await host.StopAsync(CancellationToken.None);
        host.Dispose();

        Assert.True(stopping.Elapsed < Bound, $"stopping took {stopping.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Accepts connections and holds them, reading nothing and answering nothing.</summary>
    private sealed class SilentCollector : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _held = [];
        private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SilentCollector()
        {
            _listener.Start();
            _ = HoldAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public Task Connected => _connected.Task;

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(socket => socket.Dispose());
            }
        }

        private async Task HoldAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync();
                    lock (_held)
                    {
                        _held.Add(socket);
                    }

                    _connected.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Stopped with the test.
            }
        }
    }
}
