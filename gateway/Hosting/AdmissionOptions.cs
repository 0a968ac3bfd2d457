namespace Profiles.Gateway.Hosting;

/// <summary>The <c>Admission</c> configuration section: how many profile fan-outs run at once, and how many wait, and for how long.</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// Profile requests fanning out at once; each holds seven backend calls and their timers. More
    /// than the machine can serve only adds contention: on two cores, 2,000 let some requests miss
    /// their budget under a burst of 10,000, where 1,000 answered every one.
    /// </summary>
    public int MaxConcurrentFanOuts { get; set; } = 1_000;

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
