namespace Profiles.Load.Measurement;

/// <summary>An answered profile as it came: how long it took, how much of that before the client sent it, and its body.</summary>
public sealed record SlowAnswer(TimeSpan Latency, TimeSpan Unsent, byte[] Body);
