namespace Profiles.Gateway.Resilience;

/// <summary>
/// One attempt's result as the Polly pipeline carries it: the value, and whether a hedged attempt
/// produced it. Carried with the value because only the winning attempt's word counts: a losing
/// hedge may answer too, a moment after the winner.
/// </summary>
public readonly record struct Attempt<T>(T Value, bool Hedged);
