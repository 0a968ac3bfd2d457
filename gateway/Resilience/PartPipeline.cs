using System.Diagnostics;
using Microsoft.Extensions.Hosting.Resilience;
using Polly;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Resilience;

/// <summary>
/// Runs a part's attempts through its Polly pipeline (retries and hedges within their budgets,
/// circuit breaker), and reports back to the part's child what happened: attempts made, hedge
/// won, and each successful attempt's latency for the next hedging delay.
/// </summary>
public sealed class PartPipeline<TSection>(
    ResiliencePipeline<Attempt<TSection>> pipeline,
    LatencyTracker latency,
    PartBudgets budgets)
{
    internal static readonly ResiliencePropertyKey<bool> HedgingEnabled = new("profiles.hedging-enabled");
    internal static readonly ResiliencePropertyKey<bool> HedgedAttempt = new("profiles.hedged-attempt");

    public TimeSpan HedgingDelay => latency.P95;

    public async Task<TSection> ExecuteAsync(ChildContext child, bool hedging, Func<CancellationToken, Task<TSection>> attempt)
    {
        budgets.RecordCall();
        var context = ResilienceContextPool.Shared.Get(child.CancellationToken);
        context.Properties.Set(HedgingEnabled, hedging);
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (attemptContext, state) =>
                {
                    state.child.RecordAttempt();
                    var startedAt = Stopwatch.GetTimestamp();
                    var value = await state.attempt(attemptContext.CancellationToken);
                    state.latency.Record(Stopwatch.GetElapsedTime(startedAt));
                    return new Attempt<TSection>(value, attemptContext.Properties.GetValue(HedgedAttempt, false));
                },
                context,
                (child, attempt, latency));
            return Unwrap(child, result);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The blocking mode's way: the same pipeline, on the calling thread, never hedged (a blocked thread cannot race itself).</summary>
    public TSection Execute(ChildContext child, Func<CancellationToken, TSection> attempt)
    {
        budgets.RecordCall();
        var context = ResilienceContextPool.Shared.Get(child.CancellationToken);
        context.Properties.Set(HedgingEnabled, false);
        try
        {
            var result = pipeline.Execute(
                static (attemptContext, state) =>
                {
                    state.child.RecordAttempt();
                    var startedAt = Stopwatch.GetTimestamp();
                    var value = state.attempt(attemptContext.CancellationToken);
                    state.latency.Record(Stopwatch.GetElapsedTime(startedAt));
                    return new Attempt<TSection>(value, Hedged: false);
                },
                context,
                (child, attempt, latency));
            return Unwrap(child, result);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static TSection Unwrap(ChildContext child, Attempt<TSection> result)
    {
        if (result.Hedged)
        {
            child.RecordHedgeWon();
        }

        return result.Value;
    }
}
