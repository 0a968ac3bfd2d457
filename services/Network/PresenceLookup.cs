using System.Diagnostics;
using Polly;
using Profiles.Contracts.Grains;
using Profiles.Resilience;

namespace Profiles.Backends;

/// <summary>
/// Looks up a member's presence in their Presence grain, hedged as the gateway's parts are
/// (<see cref="TailHedging"/>), within the lookups' own <see cref="AttemptBudget"/>. Every attempt
/// calls the grain with its own token, so a loser's cancellation reaches the silo, and the caller's
/// token cancels every attempt.
/// </summary>
public sealed class PresenceLookup(IGrainFactory grains, ResiliencePipeline<Presence> pipeline, LatencyTracker latency, AttemptBudget budget)
{
    /// <summary>The name of the lookups' pipeline, and the key of their latency window and budget.</summary>
    public const string PipelineName = "presence";

    /// <summary>Looks up <paramref name="memberId"/>'s presence, hedged unless the caller asked for no hedging.</summary>
    public async ValueTask<Presence> GetAsync(long memberId, bool hedging, CancellationToken cancellationToken)
    {
        budget.RecordCall();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TailHedging.Enabled, hedging);
        var calledAt = Stopwatch.GetTimestamp();
        try
        {
            var presence = await pipeline.ExecuteAsync(
                static async (attemptContext, state) =>
                {
                    var startedAt = Stopwatch.GetTimestamp();
                    var presence = await state.grains.GetGrain<IPresenceGrain>(state.memberId).GetPresenceAsync(attemptContext.CancellationToken);
                    state.latency.Record(Stopwatch.GetElapsedTime(startedAt));
                    return presence;
                },
                context,
                (grains, memberId, latency));
            TailHedging.RecordOutcome(context, latency, Stopwatch.GetElapsedTime(calledAt));
            return presence;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
