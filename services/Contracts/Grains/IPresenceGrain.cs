namespace Profiles.Contracts.Grains;

/// <summary>Whether a member is online, and when they were last seen. Keyed by member id.</summary>
public interface IPresenceGrain : IGrainWithIntegerKey
{
    Task<Presence> GetPresenceAsync(CancellationToken cancellationToken);
}

[GenerateSerializer, Immutable, Alias("profiles.Presence")]
public sealed record Presence(
    [property: Id(0)] bool Online,
    [property: Id(1)] DateTimeOffset LastSeen);
