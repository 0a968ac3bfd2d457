using Polly;
using Polly.Hedging;

namespace Profiles.Resilience;

/// <summary>
/// Hedging against a slow tail ("The Tail at Scale"): an attempt still unanswered after the calls'
/// observed p95 is sent again, the first answer wins, and the others are cancelled. Hedging answers
/// slowness only; failures are a retry's business. With an <see cref="AttemptBudget"/>, every hedge
/// is paid for from it, so that a shift of latency upward, which the p95 follows only slowly, cannot
/// multiply the calls; without one, every slow attempt is hedged. The one definition for the
/// gateway's parts (budgeted) and for the network service's presence lookups (not yet budgeted).
/// </summary>
public static class TailHedging
{
    /// <summary>Set false on a call's <see cref="ResilienceContext"/> to send no hedge for it; unset means hedge.</summary>
    public static readonly ResiliencePropertyKey<bool> Enabled = new("profiles.hedging.enabled");

    /// <summary>True on the context of a hedged attempt, so that its result can say a hedge, not the first attempt, answered.</summary>
    public static readonly ResiliencePropertyKey<bool> HedgedAttempt = new("profiles.hedging.hedged-attempt");

    public static HedgingStrategyOptions<T> Options<T>(int maxHedgedAttempts, LatencyTracker latency, AttemptBudget? budget = null) => new()
    {
        MaxHedgedAttempts = maxHedgedAttempts,
        ShouldHandle = _ => PredicateResult.False(),
        // With no hedge to send, no timer either: an infinite delay waits for the attempts under way.
        // Asking the budget spends nothing: most attempts answer before the delay and need no hedge.
        DelayGenerator = args => ValueTask.FromResult(
            args.Context.Properties.GetValue(Enabled, true) && budget?.CanWithdraw != false ? latency.P95 : Timeout.InfiniteTimeSpan),
        // The token is spent only here, as the hedge goes out. Another call may have taken the last one
        // since the delay began: then no hedge (null), and the next delay asks the budget again.
        ActionGenerator = args =>
        {
            if (budget?.TryWithdraw() == false)
            {
                return null;
            }

            args.ActionContext.Properties.Set(HedgedAttempt, true);
            return () => args.Callback(args.ActionContext);
        },
    };
}
