using System.Diagnostics;
using Polly;
using Profiles.Contracts.Grains;
using Profiles.Resilience;

namespace Profiles.Backends;

/// <summary>
/// Looks up a member's presence in their Presence grain, hedged as the gateway's parts are
/// (<see cref="TailHedging"/>). Every attempt calls the grain with its own token, so a loser's
/// cancellation reaches the silo, and the caller's token cancels every attempt.
/// </summary>
public sealed class PresenceLookup(IGrainFactory grains, ResiliencePipeline<Presence> pipeline, LatencyTracker latency)
{
    /// <summary>The name of the lookups' pipeline, and the key of their latency window.</summary>
    public const string PipelineName = "presence";

    public ValueTask<Presence> GetAsync(long memberId, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(
            static async (state, attemptToken) =>
            {
                var startedAt = Stopwatch.GetTimestamp();
                var presence = await state.grains.GetGrain<IPresenceGrain>(state.memberId).GetPresenceAsync(attemptToken);
                state.latency.Record(Stopwatch.GetElapsedTime(startedAt));
                return presence;
            },
            (grains, memberId, latency),
            cancellationToken);
}
