namespace Profiles.Resilience;

/// <summary>
/// Caps the attempts beyond the first (retries, or hedges) at a fraction of the calls a part makes,
/// so that neither a struggling backend nor a shift of latency upward sets off a storm of extra calls
/// (Finagle's RetryBudget; gRPC's retry throttling works the same way). Polly v8 has no budget of
/// its own, hence this small token bucket: every call deposits <c>ratio</c> of a token, every extra
/// attempt withdraws one, and a few extra attempts per second are always allowed.
/// </summary>
public sealed class AttemptBudget(double ratio, int minimumPerSecond, TimeProvider timeProvider)
{
    private const double MaxTokens = 100;

    private readonly Lock _gate = new();
    private double _tokens = minimumPerSecond;
    private long _refilledAt = timeProvider.GetTimestamp();

    /// <summary>Whether an extra attempt would be allowed now; asking spends nothing.</summary>
    public bool CanWithdraw
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens >= 1;
            }
        }
    }

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
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    private void Refill()
    {
        var now = timeProvider.GetTimestamp();
        _tokens = Math.Min(MaxTokens, _tokens + timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * minimumPerSecond);
        _refilledAt = now;
    }
}
