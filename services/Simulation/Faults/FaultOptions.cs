namespace Profiles.Simulation.Faults;

/// <summary>The <c>Faults</c> configuration section.</summary>
public sealed class FaultOptions
{
    public const string SectionName = "Faults";

    /// <summary><c>none</c> (tests) or <c>realistic</c> (the default run): the faults every call suffers.</summary>
    public string Profile { get; set; } = FaultProfiles.None;

    /// <summary>Whether an <c>x-fault</c> header may change the faults of one request. Development and tests only.</summary>
    public bool AllowRequestOverrides { get; set; }

    /// <summary>
    /// The key a caller of <c>/admin/faults</c> must present; the AppHost makes a new one each run
    /// (<c>Faults__AdminKey</c>). Without one the endpoint refuses everybody.
    /// </summary>
    public string? AdminKey { get; set; }
}
