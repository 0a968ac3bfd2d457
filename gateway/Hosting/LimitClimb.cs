namespace Profiles.Gateway.Hosting;

/// <summary>
/// Raises the admission limit as the thread pool's hill climbing adds threads: by a step it then
/// tries, kept only if it paid. A raise (a quarter at once) is held for a trial: long enough for
/// the fan-outs it admitted to end, then a second more. If the fan-outs answered in time over that
/// second rose by a third of the step over the second before the raise, or the raised limit no
/// longer held requests back, the raise stays and the next may follow; if not, the limit returns
/// to where it was and is not raised for <see cref="HoldIntervals"/>. So a limit that waits on slow
/// backends climbs as long as each step brings more answers (at 100 profiles/s with 500 ms
/// fan-outs, 50 at once), and one on a saturated CPU stops where more fan-outs at once stop
/// bringing more answers. Raised by a twentieth whenever the queue stood, the limit climbed in
/// `overload` from about 50 to 240–320 fan-outs at once where about 100 answered as many, and the
/// fan-outs past their deadline came in the seconds after it passed 200 (docs/reliability.md).
/// Written by hand: neither ASP.NET Core's rate limiting nor System.Threading.RateLimiting adapts a
/// concurrency limit.
/// </summary>
public sealed class LimitClimb
{
    /// <summary>A raise multiplies the limit by this, and adds one at least.</summary>
    public const double Step = 1.25;

    /// <summary>The answers per second a raise must add, as a share of <see cref="Step"/>'s: the rest is noise.</summary>
    public const double PaidShare = 1.0 / 3;

    /// <summary>Intervals the answers are counted over: a second at the default <see cref="AdmissionOptions.AdaptEvery"/>.</summary>
    public const int WindowIntervals = 4;

    /// <summary>Intervals without a raise after one that did not pay: two seconds at the default.</summary>
    public const int HoldIntervals = 8;

    private readonly AdmissionOptions _options;
    private readonly Queue<long> _answered = new();
    private Trial? _trial;
    private int _holdLeft;

    public LimitClimb(AdmissionOptions options) => _options = options;

    /// <summary>
    /// The next limit, from one interval's evidence: a cut as <see cref="AdmissionLimitController.NextLimit"/>
    /// decides it, a raise only as a trial, and a trial judged once <paramref name="settleIntervals"/>
    /// (the intervals a fan-out takes) and <see cref="WindowIntervals"/> more have passed.
    /// </summary>
    public int Next(int limit, AdmissionEvidence evidence, int settleIntervals)
    {
        Count(evidence.Ended - evidence.Overrun);
        var wanted = AdmissionLimitController.NextLimit(limit, evidence, _options);
        if (wanted < limit)
        {
            _trial = null;
            return wanted;
        }

        if (_holdLeft > 0)
        {
            _holdLeft--;
        }

        if (_trial is { } trial)
        {
            return Judge(trial, limit, evidence, settleIntervals);
        }

        if (wanted > limit && _holdLeft == 0 && _answered.Count == WindowIntervals)
        {
            _trial = new Trial(limit, Answered);
            return wanted;
        }

        return limit;
    }

    private long Answered => _answered.Sum();

    private int Judge(Trial trial, int limit, AdmissionEvidence evidence, int settleIntervals)
    {
        trial.Intervals++;
        if (trial.Intervals > settleIntervals)
        {
            trial.HeldBack |= evidence.LimitReached;
        }

        if (trial.Intervals < settleIntervals + WindowIntervals)
        {
            return limit;
        }

        _trial = null;
        var gain = trial.From == 0 ? 1 : ((double)limit / trial.From) - 1;
        if (!trial.HeldBack || Answered >= trial.Answered * (1 + (gain * PaidShare)))
        {
            return limit;
        }

        _holdLeft = HoldIntervals;
        return trial.From;
    }

    private void Count(long answered)
    {
        _answered.Enqueue(answered);
        if (_answered.Count > WindowIntervals)
        {
            _answered.Dequeue();
        }
    }

    /// <summary>A raise under trial: the limit before it, and the answers of the window before it.</summary>
    private sealed class Trial(int from, long answered)
    {
        public int From { get; } = from;

        public long Answered { get; } = answered;

        public int Intervals { get; set; }

        public bool HeldBack { get; set; }
    }
}
