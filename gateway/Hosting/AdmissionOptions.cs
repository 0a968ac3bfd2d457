namespace Profiles.Gateway.Hosting;

/// <summary>The <c>Admission</c> configuration section: how many profile fan-outs run at once, and how many wait, and for how long.</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// Profile requests fanning out at once when the gateway starts; from then on the limit follows
    /// the machine (<see cref="AdmissionLimitController"/>). On two cores with the realistic backends
    /// (tens of milliseconds), 32 clients got the most profiles a second answered, and 200 at once
    /// took seconds each (docs/reliability.md, overload).
    /// </summary>
    public int InitialConcurrentFanOuts { get; set; } = 32;

    /// <summary>
    /// The limit is never cut below this: a few fan-outs at once keep the CPU busy while each waits
    /// on its backends' replies.
    /// </summary>
    public int MinConcurrentFanOuts { get; set; } = 4;

    /// <summary>
    /// The limit is never raised beyond this: each fan-out holds seven backend calls and their timers
    /// in memory however little CPU it needs (C10K: ten thousand requests in flight).
    /// </summary>
    public int MaxConcurrentFanOuts { get; set; } = 10_000;

    /// <summary>
    /// The share of an interval's fan-outs that may answer after their budget
    /// (<see cref="Telemetry.DeadlineOverruns"/>) before the limit is cut: the budget is a p99 promise.
    /// </summary>
    public double MaxOverrunShare { get; set; } = 0.01;

    /// <summary>
    /// The thread pool's scheduling delay (median of an interval's probes) beyond which the limit
    /// is not raised: the CPU has no room for more fan-outs. A fan-out's work passes through the
    /// pool a few dozen times, so within a 500 ms budget a few milliseconds each is what it can afford.
    /// </summary>
    public TimeSpan TargetSchedulingDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The limit's lower bound: <see cref="MinConcurrentFanOuts"/>, unless the upper one is lower still.</summary>
    public int Floor => Math.Min(MinConcurrentFanOuts, MaxConcurrentFanOuts);

    /// <summary>How often the limit moves.</summary>
    public TimeSpan AdaptEvery { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Profile requests waiting for a turn, oldest first; beyond it a request is refused with 503 at once.</summary>
    public int MaxQueuedRequests { get; set; } = 50_000;

    /// <summary>
    /// How long the queue may stand: while its oldest request has waited this long, new ones are
    /// refused with 503 at once (<see cref="AdmissionLimiter"/>), and told to come back after it
    /// (<c>Retry-After</c>). Twice the default budget: a caller waits for a turn at most about as
    /// long again as for its answer.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(1);
}
