using System.Threading.RateLimiting;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// A concurrency limiter whose queue sheds once it stands: a request that arrives while the oldest
/// queued one has already waited <c>maxWait</c> is refused at once. The queue is first in, first
/// out, so the oldest request's wait so far is what a new arrival can expect to wait; a burst the
/// machine drains within <c>maxWait</c> is queued whole, while an overload that outlasts it is
/// shed at the door, leaving a queue that never holds more than <c>maxWait</c> of work.
/// </summary>
internal sealed class QueueWaitLimiter(ConcurrencyLimiter inner, TimeSpan maxWait, TimeProvider timeProvider) : RateLimiter
{
    private readonly LinkedList<long> _waiting = new();
    private readonly Lock _gate = new();

    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var arrivedAt = timeProvider.GetTimestamp();
        LinkedListNode<long> entry;
        lock (_gate)
        {
            if (_waiting.First is { } oldest && timeProvider.GetElapsedTime(oldest.Value, arrivedAt) >= maxWait)
            {
                return RefusedLease.Instance;
            }

            entry = _waiting.AddLast(arrivedAt);
        }

        try
        {
            return await inner.AcquireAsync(permitCount, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _waiting.Remove(entry);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await inner.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class RefusedLease : RateLimitLease
    {
        public static readonly RefusedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
