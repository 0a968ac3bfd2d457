using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// Moves the admission limit (<see cref="AdmissionLimiter"/>) to what the machine can run. A fixed
/// limit suits one kind of load only: fan-outs that compute need few at once, or each waits for
/// CPU behind the others and answers after its budget; fan-outs that wait on slow backends need
/// many, or requests queue while the CPU idles (at 100 profiles/s with 300 ms parts, 30 are under
/// way at any moment). Every <see cref="AdmissionOptions.AdaptEvery"/> the limit is cut by a fifth
/// when more than <see cref="AdmissionOptions.MaxOverrunShare"/> of the fan-outs that ended
/// overran their budget (<see cref="DeadlineOverruns"/>): that is the promise admission keeps,
/// measured where it is broken. It may be raised when none overran, the limit held requests back,
/// and the thread pool had room (the median of the interval's probes waited no more than
/// <see cref="AdmissionOptions.TargetSchedulingDelay"/>), and a raise stays only if it brought
/// more answers (<see cref="LimitClimb"/>).
/// <para>
/// An overrun shows only when its fan-out ends, a budget or more after its admission, so a cut
/// comes late; as TCP cuts its window once per round trip, there is one cut per mean fan-out: the
/// overruns of fan-outs admitted before a cut say nothing of it. The probes only hold a raise back,
/// never cut: on a machine shared with the backends, the silos and the load they wait for other
/// processes' work too, and cutting on them alone shed half of a load the gateway could serve
/// (docs/benchmarks.md, "storm").
/// </para>
/// </summary>
public sealed class AdmissionLimitController : BackgroundService
{
    /// <summary>Probes of the thread pool per interval, evenly spread.</summary>
    private const int ProbesPerInterval = 5;

    private const double Cut = 0.8;

    private readonly AdmissionLimiter _limiter;
    private readonly LimitClimb _climb;
    private readonly DeadlineOverruns _overruns;
    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Histogram<double> _schedulingDelay;
    private long _lastCutAt;

    public AdmissionLimitController(AdmissionLimiter limiter, DeadlineOverruns overruns, IOptions<AdmissionOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        _limiter = limiter;
        _overruns = overruns;
        _options = options.Value;
        _climb = new LimitClimb(_options);
        _time = time;
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        meter.CreateObservableGauge("profile.admission.limit", () => _limiter.Limit, "{request}", "Profile fan-outs admitted at once, as the gateway's admission has set it.");
        _schedulingDelay = meter.CreateHistogram<double>("profile.admission.scheduling_delay", "ms", "How long a work item waited for a thread-pool thread, as admission's probes saw it.");
    }

    /// <summary>
    /// The limit the interval's fan-outs, its probes and the queue ask for: cut, raised by
    /// <see cref="LimitClimb.Step"/> (which <see cref="LimitClimb"/> then tries), or the same.
    /// </summary>
    public static int NextLimit(int limit, AdmissionEvidence evidence, AdmissionOptions options)
    {
        if (evidence.Overrun > evidence.Ended * options.MaxOverrunShare)
        {
            return evidence.CutPending ? limit : Math.Max(options.Floor, (int)(limit * Cut));
        }

        if (evidence.LimitReached && evidence.Overrun == 0 && evidence.MedianSchedulingDelay <= options.TargetSchedulingDelay)
        {
            return Math.Min(options.MaxConcurrentFanOuts, Math.Max(limit + 1, (int)(limit * LimitClimb.Step)));
        }

        return limit;
    }

    /// <summary>The intervals a fan-out takes (its mean, rounded up): a raise shows in the answers only after them.</summary>
    private int SettleIntervals() =>
        _limiter.MeanFanOut is { } mean ? Math.Max(1, (int)Math.Ceiling(mean / _options.AdaptEvery)) : 1;

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
                var (ended, overrun) = _overruns.Take();
                var cutPending = _lastCutAt != 0 && _time.GetElapsedTime(_lastCutAt) < _limiter.MeanFanOut;
                var evidence = new AdmissionEvidence(ended, overrun, cutPending, _limiter.TakeLimitReached(), delays[ProbesPerInterval / 2]);
                var limit = _limiter.Limit;
                var next = _climb.Next(limit, evidence, SettleIntervals());
                if (next < limit)
                {
                    _lastCutAt = _time.GetTimestamp();
                }

                _limiter.SetLimit(next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
