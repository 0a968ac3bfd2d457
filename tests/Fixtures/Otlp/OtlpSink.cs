using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Profiles.Fixtures.Otlp;

/// <summary>
/// An OTLP/gRPC endpoint on a random loopback port, for a system started without its dashboard.
/// Aspire still points every process's exporter at the dashboard's OTLP address then, where nothing
/// listens: each export fails, so the processes would neither pay what exporting costs nor show
/// that they export. The sink accepts every export, as the dashboard or a collector would, and
/// counts what each service sent (<see cref="TelemetryTally"/>), so the load harness can say what
/// telemetry a profile costs and the tests can see that it leaves the processes. It also keeps the
/// spans of the traces asked for (<see cref="SpanCapture"/>), so a scenario can time a request hop by hop.
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    // OTLP batches of 512 spans with their attributes can pass gRPC's default 4 MB.
    private const int MaxExportBytes = 64 * 1024 * 1024;

    private readonly WebApplication _app;

    private OtlpSink(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the processes export to (OTLP over gRPC, HTTP/2 without TLS).</summary>
    public Uri Url { get; }

    public TelemetryTally Tally => _app.Services.GetRequiredService<TelemetryTally>();

    public SpanCapture Spans => _app.Services.GetRequiredService<SpanCapture>();

    public static async Task<OtlpSink> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<TelemetryTally>();
        builder.Services.AddSingleton<SpanCapture>();
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = MaxExportBytes);

        var app = builder.Build();
        app.MapGrpcService<TraceSink>();
        app.MapGrpcService<LogsSink>();
        app.MapGrpcService<MetricsSink>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new OtlpSink(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
