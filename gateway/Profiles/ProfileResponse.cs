namespace Profiles.Gateway.Profiles;

/// <summary>An aggregated profile (docs/architecture.md, "A request's path"). A section is null when its part did not answer.</summary>
public sealed class ProfileResponse
{
    public required long MemberId { get; init; }

    public required long ViewerId { get; init; }

    public required string Mode { get; init; }

    public required bool Degraded { get; init; }

    public required double ElapsedMs { get; init; }

    public required double BudgetMs { get; init; }

    public required string? TraceId { get; init; }

    /// <summary>The part whose completion decided the total.</summary>
    public required string? CriticalPart { get; init; }

    public MemberSection? Member { get; set; }

    public ExperienceSection? Experience { get; set; }

    public NetworkSection? Network { get; set; }

    public SkillsSection? Skills { get; set; }

    public ActivitySection? Activity { get; set; }

    public ViewsSection? Views { get; set; }

    public PresenceSection? Presence { get; set; }

    public required IReadOnlyList<PartReport> Parts { get; init; }
}
