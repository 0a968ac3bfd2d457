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
    TimeSpan slowAttempt,
    TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="attempt"/>, which must observe the attempt's own token: it fires when a
    /// hedged sibling has won, and at the deadline. A first attempt stopped once
    /// <paramref name="heldAgainstBackendWhen"/> has fired, after running at least the slow-attempt
    /// threshold, counts against the backend; with <see cref="CancellationToken.None"/>, only gRPC's
    /// own <c>DeadlineExceeded</c> does. Its hedges do not: they ask the same slow question again,
    /// and a call must weigh one failure against the breaker's minimum throughput, not three.
    /// </summary>
    /// <remarks>
    /// Whether the time was up is asked of the deadline's timer, not of the clock: .NET's timers count
    /// a coarse clock and fire up to a few milliseconds before the time they were set for (2,718 of
    /// 20,000 timers here, up to 3.6 ms early), and an attempt stopped that early, read by the clock,
    /// was taken for one a caller cancelled, which the breaker does not count: the likely reason a
    /// dead backend's breaker stayed closed in one clean-clone CI run on a fast machine (2026-12-04).
    /// </remarks>
    public async Task<TSection> ExecuteAsync(
        Func<CancellationToken, Task<TSection>> attempt, bool hedging, AttemptLog log, CancellationToken heldAgainstBackendWhen, CancellationToken cancellationToken)
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
                    TSection value;
                    try
                    {
                        value = await state.attempt(attemptContext.CancellationToken);
                    }
                    catch (OperationCanceledException cancelled) when (
                        state.heldAgainstBackendWhen.IsCancellationRequested
                        && state.time.GetElapsedTime(startedAt) >= state.slowAttempt
                        && !attemptContext.Properties.GetValue(TailHedging.HedgedAttempt, false))
                    {
                        // Stopped by the deadline, not by a winning sibling or a client gone: the backend
                        // was too slow for the time it was given, which the breaker counts as it counts
                        // gRPC's DeadlineExceeded. Whichever of the two fires first must not decide whether
                        // a backend that accepts calls and never answers (a dead one behind a proxy) opens it.
                        throw new TimeoutException("The attempt was still running at its deadline.", cancelled);
                    }

                    state.latency.Record(state.time.GetElapsedTime(startedAt));
                    return new Attempt<TSection>(value, attemptContext.Properties.GetValue(TailHedging.HedgedAttempt, false));
                },
                context,
                (log, attempt, latency, time, heldAgainstBackendWhen, slowAttempt));
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
