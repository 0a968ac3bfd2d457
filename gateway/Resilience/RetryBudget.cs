namespace Profiles.Gateway.Resilience;

/// <summary>
/// Caps retries at a fraction of the calls a part makes, so that a struggling backend is not hit
/// with a retry storm (Finagle's RetryBudget; gRPC's retry throttling works the same way). Polly v8
/// retries have no budget of their own, hence this small token bucket: every call deposits
/// <c>ratio</c> of a token, every retry withdraws one, and a few retries per second are always allowed.
/// </summary>
public sealed class RetryBudget(double ratio, int minimumPerSecond, TimeProvider timeProvider)
{
    private const double MaxTokens = 100;

    private readonly Lock _gate = new();
    private double _tokens = minimumPerSecond;
    private long _refilledAt = timeProvider.GetTimestamp();

    public void RecordCall()
    {
        lock (_gate)
        {
            _tokens = Math.Min(MaxTokens, _tokens + ratio);
        }
    }

    public bool TryWithdraw()
    {
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            _tokens = Math.Min(MaxTokens, _tokens + timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * minimumPerSecond);
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
