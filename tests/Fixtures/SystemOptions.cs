namespace Profiles.Fixtures;

/// <summary>How a test wants the system started.</summary>
public sealed record SystemOptions
{
    /// <summary>The backends' fault profile; <c>none</c> unless a test says otherwise, so only a request's <c>x-fault</c> adds faults.</summary>
    public string Faults { get; init; } = "none";

    /// <summary>Starts the Aspire dashboard too, with its telemetry API behind <see cref="DistributedSystem.DashboardApiKey"/>.</summary>
    public bool Dashboard { get; init; }

    public int SiloReplicas { get; init; } = 2;
}
