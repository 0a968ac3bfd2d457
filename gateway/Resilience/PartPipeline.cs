using Polly;
using Profiles.Resilience;

namespace Profiles.Gateway.Resilience;

/// <summary>
/// Runs a part's attempts through its Polly pipeline (retries and hedges within the backend's
/// budget, circuit breaker), writes them and the budget's refusals in the part's
/// <see cref="AttemptLog"/>, and feeds each successful attempt's latency, and each lost hedge, to the
/// next hedging delay.
/// </summary>
public sealed class PartPipeline<TSection>(
    ResiliencePipeline<Attempt<TSection>> pipeline,
    LatencyTracker latency,
    AttemptBudget budget,
    TimeProvider time)
{
    /// <summary>Runs <paramref name="attempt"/>, which must observe the attempt's own token: it fires when a hedged sibling has won.</summary>
    public async Task<TSection> ExecuteAsync(Func<CancellationToken, Task<TSection>> attempt, bool hedging, AttemptLog log, CancellationToken cancellationToken)
    {
        budget.RecordCall();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TailHedging.Enabled, hedging);
        context.Properties.Set(AttemptBudget.Refused, log.RecordRefused);
        var calledAt = time.GetTimestamp();
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (attemptContext, state) =>
                {
                    state.log.RecordAttempt();
                    var startedAt = state.time.GetTimestamp();
                    var value = await state.attempt(attemptContext.CancellationToken);
                    state.latency.Record(state.time.GetElapsedTime(startedAt));
                    return new Attempt<TSection>(value, attemptContext.Properties.GetValue(TailHedging.HedgedAttempt, false));
                },
                context,
                (log, attempt, latency, time));
            if (result.Hedged)
            {
                log.RecordHedged();
            }

            TailHedging.RecordOutcome(context, latency, time.GetElapsedTime(calledAt));

            return result.Value;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
