using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// Moves the admission limit (<see cref="AdmissionLimiter"/>) to what the machine can run. A fixed
/// limit suits one kind of load only: fan-outs that compute need few at once, or each waits for
/// CPU behind the others and misses its budget; fan-outs that wait on slow backends need many, or
/// requests queue while the CPU idles (at 100 profiles/s with 300 ms parts, 30 are under way at
/// any moment). What tells them apart is the thread pool: when the CPU cannot keep up, its work
/// items wait to run. So every <see cref="AdmissionOptions.AdaptEvery"/> the limit is cut when the
/// median wait of the interval's probes is beyond <see cref="AdmissionOptions.TargetSchedulingDelay"/>,
/// and raised when the wait is low and the limit held requests back: multiplicatively both ways,
/// so that it spans 16 to 10,000 within seconds. The median, because one collection's pause is
/// not a saturated machine.
/// </summary>
public sealed class AdmissionLimitController : BackgroundService
{
    /// <summary>Probes of the thread pool per interval, evenly spread.</summary>
    private const int ProbesPerInterval = 5;

    private const double Cut = 0.8;
    private const double Raise = 1.25;

    private readonly AdmissionLimiter _limiter;
    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Histogram<double> _schedulingDelay;

    public AdmissionLimitController(AdmissionLimiter limiter, IOptions<AdmissionOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        _limiter = limiter;
        _options = options.Value;
        _time = time;
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        meter.CreateObservableGauge("profile.admission.limit", () => _limiter.Limit, "{request}", "Profile fan-outs admitted at once, as the gateway's admission has set it.");
        _schedulingDelay = meter.CreateHistogram<double>("profile.admission.scheduling_delay", "ms", "How long a work item waited for a thread-pool thread, as admission's probes saw it.");
    }

    /// <summary>The next limit, from the interval's median scheduling delay and whether the limit held requests back.</summary>
    public static int NextLimit(int limit, TimeSpan medianDelay, bool limitReached, AdmissionOptions options)
    {
        if (medianDelay > options.TargetSchedulingDelay)
        {
            return Math.Max(options.Floor, (int)(limit * Cut));
        }

        if (limitReached && medianDelay <= options.TargetSchedulingDelay / 2)
        {
            return Math.Min(options.MaxConcurrentFanOuts, Math.Max(limit + 1, (int)(limit * Raise)));
        }

        return limit;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delays = new TimeSpan[ProbesPerInterval];
        using var timer = new PeriodicTimer(_options.AdaptEvery / ProbesPerInterval, _time);
        try
        {
            while (true)
            {
                for (var probe = 0; probe < ProbesPerInterval; probe++)
                {
                    await timer.WaitForNextTickAsync(stoppingToken);
                    delays[probe] = await SchedulingDelayProbe.MeasureAsync(_time);
                    _schedulingDelay.Record(delays[probe].TotalMilliseconds);
                }

                Array.Sort(delays);
                _limiter.SetLimit(NextLimit(_limiter.Limit, delays[ProbesPerInterval / 2], _limiter.TakeLimitReached(), _options));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
