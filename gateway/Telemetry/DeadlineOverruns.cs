using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Telemetry;

/// <summary>
/// Counts the fan-outs that answered later than their budget allows, by more than
/// <see cref="FanOutOptions.OverrunTolerance"/>: the metric <c>profile.overruns</c>, and the
/// admission limit's evidence that it let in more fan-outs than the machine could finish in time
/// (<see cref="Hosting.AdmissionLimitController"/>). A fan-out past its deadline has stopped every
/// part already; what is left is waiting for a CPU to assemble and answer.
/// </summary>
public sealed class DeadlineOverruns
{
    private readonly TimeSpan _tolerance;
    private readonly Counter<long> _overruns;
    private long _ended;
    private long _overrun;

    public DeadlineOverruns(IOptions<FanOutOptions> options, IMeterFactory meterFactory)
    {
        _tolerance = options.Value.OverrunTolerance;
        _overruns = meterFactory.Create(GatewayTelemetry.Name)
            .CreateCounter<long>("profile.overruns", "{request}", "Profile fan-outs that answered later than their budget allows, by mode.");
    }

    public void Record(FanOutMode mode, TimeSpan elapsed, TimeSpan budget)
    {
        Interlocked.Increment(ref _ended);
        if (elapsed > budget + _tolerance)
        {
            Interlocked.Increment(ref _overrun);
            _overruns.Add(1, new KeyValuePair<string, object?>("mode", mode.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>The fan-outs that ended, and of them those that overran, since the last call.</summary>
    public (long Ended, long Overrun) Take() => (Interlocked.Exchange(ref _ended, 0), Interlocked.Exchange(ref _overrun, 0));
}
