using Polly;
using Polly.Hedging;

namespace Profiles.Resilience;

/// <summary>
/// Hedging against a slow tail ("The Tail at Scale"): an attempt still unanswered after the calls'
/// <see cref="LatencyTracker.HedgingDelay"/> is sent again, the first answer wins, and the others
/// are cancelled. Hedging answers slowness only; failures are a retry's business. Every hedge is
/// paid for from the backend's <see cref="AttemptBudget"/>, which retries share, so that a shift of
/// latency upward cannot multiply the calls. The one definition for the gateway's parts and for the
/// network service's presence lookups.
/// </summary>
public static class TailHedging
{
    /// <summary>Set false on a call's <see cref="ResilienceContext"/> to send no hedge for it; unset means hedge.</summary>
    public static readonly ResiliencePropertyKey<bool> Enabled = new("profiles.hedging.enabled");

    /// <summary>True on the context of a hedged attempt, so that its result can say a hedge, not the first attempt, answered.</summary>
    public static readonly ResiliencePropertyKey<bool> HedgedAttempt = new("profiles.hedging.hedged-attempt");

    /// <summary>True on a call's context once a hedge of it went out.</summary>
    private static readonly ResiliencePropertyKey<bool> HedgeSent = new("profiles.hedging.hedge-sent");

    /// <summary>
    /// After a call through the pipeline, with its own context: tells <paramref name="latency"/> when
    /// a hedge went out and the first attempt still answered first, so that the delay backs off. Polly
    /// copies the winning attempt's properties onto the call's context, so a hedge that won says so there.
    /// </summary>
    public static void RecordOutcome(ResilienceContext context, LatencyTracker latency, TimeSpan elapsed)
    {
        if (context.Properties.GetValue(HedgeSent, false) && !context.Properties.GetValue(HedgedAttempt, false))
        {
            latency.RecordLostHedge(elapsed);
        }
    }

    public static HedgingStrategyOptions<T> Options<T>(int maxHedgedAttempts, LatencyTracker latency, AttemptBudget budget) => new()
    {
        MaxHedgedAttempts = maxHedgedAttempts,
        ShouldHandle = _ => PredicateResult.False(),
        // With no hedge to send, no timer either: an infinite delay waits for the attempts under way.
        DelayGenerator = args => ValueTask.FromResult(
            args.Context.Properties.GetValue(Enabled, true) ? latency.HedgingDelay : Timeout.InfiniteTimeSpan),
        // The token is spent only here, as the hedge goes out: most attempts answer before the delay and
        // need none. When the budget refuses, no hedge (null), and no more for this call: Polly would ask
        // again after every delay, a timer and a refusal each, while the backend is slow for everyone.
        ActionGenerator = args =>
        {
            if (!budget.TryWithdraw(ExtraAttempt.Hedge, args.PrimaryContext))
            {
                args.PrimaryContext.Properties.Set(Enabled, false);
                return null;
            }

            args.PrimaryContext.Properties.Set(HedgeSent, true);
            args.ActionContext.Properties.Set(HedgedAttempt, true);
            return () => args.Callback(args.ActionContext);
        },
    };
}
