using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Profiles.Gateway.Telemetry;

/// <summary>The gateway's activity source and instruments (<c>Profiles.Gateway</c>, see docs/architecture.md, "Telemetry").</summary>
public sealed class GatewayTelemetry
{
    public const string Name = "Profiles.Gateway";

    public static readonly ActivitySource ActivitySource = new(Name);

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Requests = meter.CreateCounter<long>("profile.requests", "{request}", "Profile requests answered, by mode and HTTP status.");
        Duration = meter.CreateHistogram<double>("profile.duration", "ms", "Time to answer a profile request, by mode.");
        Parts = meter.CreateCounter<long>("profile.parts", "{part}", "Parts finished, by part and status.");
        InFlight = meter.CreateUpDownCounter<long>("profile.inflight", "{part}", "Parts running right now, by part.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Parts { get; }

    public UpDownCounter<long> InFlight { get; }

    /// <summary>Starts the span and the in-flight count of one part's run.</summary>
    public PartSpan StartPart(string name, bool required) => new(this, name, required);
}
