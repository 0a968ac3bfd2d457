namespace Profiles.Gateway.Resilience;

/// <summary>One attempt's result, and whether it came from the hedged attempt rather than the first.</summary>
public readonly record struct Attempt<T>(T Value, bool Hedged);
