namespace Profiles.Fixtures;

/// <summary>How a test wants the system started.</summary>
public sealed record SystemOptions
{
    /// <summary>The backends' fault profile; <c>none</c> unless a test says otherwise, so only a request's <c>x-fault</c> adds faults.</summary>
    public string Faults { get; init; } = "none";

    /// <summary>Starts the Aspire dashboard too, with its telemetry API behind <see cref="DistributedSystem.DashboardApiKey"/>.</summary>
    public bool Dashboard { get; init; }

    public int SiloReplicas { get; init; } = 2;

    /// <summary>How long the AppHost waits before starting a crashed process again the first time (its <c>Restarts:FirstDelay</c>); its own default when null.</summary>
    public TimeSpan? FirstRestartDelay { get; init; }

    /// <summary>
    /// The share of traces the processes record and export, by OpenTelemetry's own sampler
    /// (<c>parentbased_traceidratio</c>); every trace when null, as Aspire sets it for a run.
    /// For measuring what tracing costs; the system is never run sampled by default.
    /// </summary>
    public double? TraceSampling { get; init; }

    /// <summary>
    /// The gateway listens on its own loopback port, not behind DCP's proxy. For ten thousand client
    /// connections at once: the proxy holds two file descriptors for each, and this machine's limit
    /// of 20,000 per process (a hard limit, not raised without privileges) ended DCP there.
    /// </summary>
    public bool GatewayUnproxied { get; init; }

    /// <summary>
    /// The five gRPC backends listen on their own loopback ports, not behind DCP's proxies, as a
    /// deployment runs them: a proxy is Aspire's development-time convenience (a stable port across
    /// restarts), and a call through one cost the gateway about 0.5 ms more at p50 (2026-12-05),
    /// which a measure of the fan-out's own overhead would be charged with.
    /// </summary>
    public bool BackendsUnproxied { get; init; }

    /// <summary>
    /// The gateway's configuration beyond its appsettings, by key (<c>Admission:MaxQueueWait</c>),
    /// handed to it in its environment as any Aspire resource's configuration is.
    /// </summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; init; } = new Dictionary<string, string>();

    public bool Equals(SystemOptions? other) =>
        other is not null
        && Faults == other.Faults
        && Dashboard == other.Dashboard
        && SiloReplicas == other.SiloReplicas
        && FirstRestartDelay == other.FirstRestartDelay
        && TraceSampling == other.TraceSampling
        && GatewayUnproxied == other.GatewayUnproxied
        && BackendsUnproxied == other.BackendsUnproxied
        && GatewaySettings.Count == other.GatewaySettings.Count
        && GatewaySettings.All(setting => other.GatewaySettings.TryGetValue(setting.Key, out var value) && value == setting.Value);

    public override int GetHashCode() => HashCode.Combine(Faults, Dashboard, SiloReplicas, FirstRestartDelay, TraceSampling, GatewaySettings.Count);
}
