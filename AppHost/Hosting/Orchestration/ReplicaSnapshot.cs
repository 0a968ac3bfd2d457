namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>The state of one replica of a resource at one moment, as a dashboard shows it.</summary>
public sealed record ReplicaSnapshot(
    string ResourceName,
    int ReplicaIndex,
    string DisplayName,
    ResourceState State,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    int RestartCount,
    int? ExitCode,
    IReadOnlyList<AllocatedEndpoint> Endpoints);
