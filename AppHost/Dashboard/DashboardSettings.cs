namespace Profiles.AppHost.Dashboard;

/// <summary>The dashboard's settings, from the AppHost's <c>Dashboard</c> section (the store's bounds are <see cref="Telemetry.TelemetryLimits"/>).</summary>
public sealed record DashboardSettings
{
    /// <summary>The UI and JSON API, on loopback; any free port under <c>AppHost:RandomPorts</c>.</summary>
    public int Port { get; init; } = 18888;

    /// <summary>OTLP/gRPC (HTTP/2 only), on loopback; where every child exports.</summary>
    public int OtlpGrpcPort { get; init; } = 18889;

    /// <summary>OTLP/HTTP with protobuf, on loopback.</summary>
    public int OtlpHttpPort { get; init; } = 18890;

    /// <summary>Lets anyone on this machine in without the login token or API key; the OTLP key stays required.</summary>
    public bool Unsecured { get; init; }

    /// <summary>The largest export accepted, in bytes, on either receiver (gRPC's own default is 4 MiB).</summary>
    public int MaxExportBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The browser login token; a fresh random one per run when empty.</summary>
    public string? BrowserToken { get; init; }

    /// <summary>The JSON API's key (<c>x-api-key</c>); a fresh random one per run when empty.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The key children send with their exports (<c>x-otlp-api-key</c>); a fresh random one per run when empty.</summary>
    public string? OtlpApiKey { get; init; }
}
