using Microsoft.Extensions.DependencyInjection;
using Polly.Telemetry;

namespace Profiles.Resilience;

public static class HedgingTelemetryExtensions
{
    /// <summary>Polly's name for the event of a hedged attempt going out.</summary>
    public const string OnHedgingEvent = "OnHedging";

    /// <summary>
    /// Reports Polly's <c>OnHedging</c> at Debug in every pipeline of the process. Polly reports it as a
    /// Warning, but here a hedge is normal operation (the slowest 5 % of calls get one by design), and
    /// at Warning it was most of a cold start's console: 43 of 53 warnings. The hedges still count in
    /// Polly's metrics and the parts' own telemetry; other events keep Polly's severity.
    /// </summary>
    public static IServiceCollection AddHedgingAtDebug(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(options => options.SeverityProvider = arguments =>
            arguments.Event.EventName == OnHedgingEvent ? ResilienceEventSeverity.Debug : arguments.Event.Severity);
}
