namespace Profiles.Gateway.Hosting;

/// <summary>The <c>Admission</c> configuration section: how many profile fan-outs run at once, and how many wait, and for how long.</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// Profile requests fanning out at once; each holds seven backend calls and their timers. More
    /// than the machine can serve within a budget only adds contention: on two cores with the
    /// realistic backends (tens of milliseconds), 200 at once took seconds each, the required part's
    /// calls ran out of time and its breaker then failed every profile, while 32 clients got the
    /// most profiles a second answered (docs/reliability.md, overload). Slow backends, whose
    /// fan-outs wait rather than compute, afford more: the inflight benchmark runs 1,000.
    /// </summary>
    public int MaxConcurrentFanOuts { get; set; } = 32;

    /// <summary>Profile requests waiting for a turn, oldest first; beyond it a request is refused with 503 at once.</summary>
    public int MaxQueuedRequests { get; set; } = 50_000;

    /// <summary>
    /// How long the queue may stand: while its oldest request has waited this long, new ones are
    /// refused with 503 at once (<see cref="QueueWaitLimiter"/>), and told to come back after it
    /// (<c>Retry-After</c>). Twice the default budget: a caller waits for a turn at most about as
    /// long again as for its answer.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(1);
}
