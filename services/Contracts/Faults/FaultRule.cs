using Grpc.Core;

namespace Profiles.Contracts.Faults;

/// <summary>
/// The fault model of one part: an optional delay, an optional error with its probability, and
/// hang. Each attempt samples it anew, so a retry or a hedge can be luckier than the first try.
/// </summary>
public sealed record FaultRule(DelayModel? Delay = null, StatusCode? Error = null, double ErrorProbability = 1, bool Hang = false)
{
    public static readonly FaultRule None = new();

    public FaultOutcome Sample(Random random) => new(
        Delay?.Sample(random) ?? TimeSpan.Zero,
        Hang,
        Error is { } error && random.NextDouble() < ErrorProbability ? error : null);

    /// <summary>Aspect by aspect, what this rule sets wins over what <paramref name="fallback"/> sets.</summary>
    public FaultRule Over(FaultRule fallback) => new(
        Delay ?? fallback.Delay,
        Error ?? fallback.Error,
        Error is null ? fallback.ErrorProbability : ErrorProbability,
        Hang || fallback.Hang);
}

/// <summary>What one attempt will suffer: wait <see cref="Delay"/>, then hang, or fail with <see cref="Error"/>.</summary>
public readonly record struct FaultOutcome(TimeSpan Delay, bool Hang, StatusCode? Error);
