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
    /// The limit is never cut below this. The limit the gateway had fixed before it moved: with 16,
    /// the probes of a machine shared with the backends and the load cut it at 100 profiles/s, and
    /// <c>storm</c> shed half its requests where 32 had shed none (docs/benchmarks.md, "storm").
    /// </summary>
    public int MinConcurrentFanOuts { get; set; } = 32;

    /// <summary>
    /// The limit is never raised beyond this: each fan-out holds seven backend calls and their timers
    /// in memory however little CPU it needs (C10K: ten thousand requests in flight).
    /// </summary>
    public int MaxConcurrentFanOuts { get; set; } = 10_000;

    /// <summary>
    /// The thread pool's scheduling delay (median of an interval's probes) beyond which the CPU is
    /// taken to be saturated, and the limit is cut; it is raised only below half of it. A fan-out's
    /// work passes through the pool a few dozen times, so within a 500 ms budget a few milliseconds each is what it can afford.
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
