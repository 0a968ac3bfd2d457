namespace Profiles.Gateway.Profiles;

/// <summary>
/// The gateway's part of the <c>Faults</c> configuration section: whether a caller's <c>x-fault</c>
/// header is accepted and passed on to the backends. The backends read the same section for the
/// faults they apply; the gateway applies none, so this is all it reads.
/// </summary>
public sealed class FaultHeaderOptions
{
    public const string SectionName = "Faults";

    /// <summary>Development and tests only.</summary>
    public bool AllowRequestOverrides { get; set; }
}
