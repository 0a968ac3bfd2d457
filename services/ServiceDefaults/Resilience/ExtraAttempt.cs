namespace Profiles.Resilience;

/// <summary>What an attempt beyond a call's first is for: both are paid from the same <see cref="AttemptBudget"/>.</summary>
public enum ExtraAttempt
{
    Hedge,
    Retry,
}
