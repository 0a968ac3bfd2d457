namespace Profiles.Contracts.Faults;

/// <summary>An <c>x-fault</c> header that does not parse; <see cref="Token"/> is the offending piece.</summary>
public sealed class FaultPlanFormatException(string token, string reason)
    : FormatException($"Invalid fault '{token}': {reason}")
{
    public string Token { get; } = token;

    public string Reason { get; } = reason;
}
