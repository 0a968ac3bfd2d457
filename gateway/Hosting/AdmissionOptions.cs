namespace Profiles.Gateway.Hosting;

/// <summary>The <c>Admission</c> configuration section: how many profile fan-outs run at once, and how many wait.</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>Profile requests fanning out at once; each holds seven backend calls and their timers.</summary>
    public int MaxConcurrentFanOuts { get; set; } = 2_000;

    /// <summary>Profile requests waiting for a turn, oldest first; beyond it a request is refused with 503 at once.</summary>
    public int MaxQueuedRequests { get; set; } = 50_000;
}
