using Polly;
using Polly.Retry;

namespace Profiles.Resilience;

/// <summary>Retries of transient failures, each paid for from the backend's <see cref="AttemptBudget"/>, which hedges share.</summary>
public static class BudgetedRetry
{
    public static RetryStrategyOptions<T> Options<T>(int maxRetries, TimeSpan delay, Func<Exception?, bool> isRetryable, AttemptBudget budget) => new()
    {
        MaxRetryAttempts = maxRetries,
        Delay = delay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        // Polly asks even after the last attempt, and a retry that will not happen must not spend a
        // token: so the attempt number first, the budget last.
        ShouldHandle = args => ValueTask.FromResult(
            args.AttemptNumber < maxRetries && isRetryable(args.Outcome.Exception) && budget.TryWithdraw(ExtraAttempt.Retry, args.Context)),
    };
}
