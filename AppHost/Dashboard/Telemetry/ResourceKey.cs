namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>
/// A process that sends telemetry, identified as OpenTelemetry identifies it: by its
/// <c>service.name</c> (the AppHost's resource name, e.g. <c>silo</c>) and <c>service.instance.id</c>
/// (one per replica, e.g. <c>silo-1</c>).
/// </summary>
/// <param name="ServiceName">The resource's <c>service.name</c>; <c>unknown_service</c> when a sender sets none.</param>
/// <param name="InstanceId">The replica's <c>service.instance.id</c>; empty when a sender sets none.</param>
public sealed record ResourceKey(string ServiceName, string InstanceId)
{
    /// <summary>
    /// The resource filter every query shares: null or empty matches everything, otherwise the
    /// service name (every replica) or the instance id (one replica), ignoring case.
    /// </summary>
    public bool Matches(string? resource) =>
        string.IsNullOrEmpty(resource)
        || string.Equals(ServiceName, resource, StringComparison.OrdinalIgnoreCase)
        || string.Equals(InstanceId, resource, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => InstanceId.Length == 0 ? ServiceName : InstanceId;
}
