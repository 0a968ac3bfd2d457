using System.Threading.RateLimiting;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// The profile API's admission: at most <see cref="Limit"/> fan-outs at once, the others waiting
/// in a first-in, first-out queue that sheds. A request is refused at once when the wait it can
/// expect is <c>maxWait</c> or more: its place in the queue over the pace the queue was seen to
/// drain at lately (<see cref="DrainPace"/>; by Little's law from the limit and the latest
/// fan-outs' time, before any queue has drained); and never less than the oldest queued request
/// has waited already. So a burst the machine drains within <c>maxWait</c> is queued whole, while
/// an overload that outlasts it is shed at the door, from its first second and at the rate the
/// machine falls behind, leaving a queue that never holds more than <c>maxWait</c> of work. (The
/// oldest request's wait alone lets the queue fill for <c>maxWait</c> at the overload's rate, and
/// its last arrival wait that many times longer; it shed everything for five seconds after a burst
/// began.) The limit moves while the gateway runs (<see cref="AdmissionLimitController"/>).
/// Written by hand because System.Threading.RateLimiting's <see cref="ConcurrencyLimiter"/> fixes
/// its limit when it is built; ASP.NET Core's rate limiting takes any <see cref="RateLimiter"/>.
/// </summary>
public sealed class AdmissionLimiter(int initialLimit, int queueLimit, TimeSpan maxWait, TimeProvider time) : RateLimiter
{
    /// <summary>
    /// The weight of the latest fan-out in the mean of their durations: the mean follows a change
    /// within a few dozen fan-outs, a fraction of a second at the rates a queue forms at.
    /// </summary>
    private const double LatestWeight = 0.05;

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly DrainPace _pace = new(maxWait, time);
    private int _limit = initialLimit;
    private int _inFlight;
    private bool _limitReached;
    private long _admitted;
    private long _refused;
    private TimeSpan? _meanFanOut;

    /// <summary>Fan-outs allowed at once right now.</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>Fan-outs admitted and not yet ended: after a cut, more than <see cref="Limit"/> until enough have ended.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>The mean time of the latest fan-outs, from admission to answer; none before the first has ended.</summary>
    public TimeSpan? MeanFanOut
    {
        get
        {
            lock (_gate)
            {
                return _meanFanOut;
            }
        }
    }

    /// <summary>A single limiter for the process's life: never idle, so ASP.NET Core's partitioned limiter never replaces it.</summary>
    public override TimeSpan? IdleDuration => null;

    /// <summary>
    /// Moves the limit. A raise admits waiting requests at once; a cut admits none until enough
    /// fan-outs have ended, and stops none that is running.
    /// </summary>
    public void SetLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        List<Waiter> admitted = [];
        lock (_gate)
        {
            _limit = limit;
            while (TakeAdmittable() is { } waiter)
            {
                admitted.Add(waiter);
            }
        }

        admitted.ForEach(Admit);
    }

    /// <summary>Whether a request had to wait or was refused since the last call: only then did the limit hold anything back.</summary>
    public bool TakeLimitReached()
    {
        lock (_gate)
        {
            var reached = _limitReached;
            _limitReached = false;
            return reached;
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, _limit - _inFlight),
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _admitted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        RequireOnePermit(permitCount);
        lock (_gate)
        {
            return TryAdmitNow() ? new Lease(this, time.GetTimestamp()) : RefusedLease.Instance;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        RequireOnePermit(permitCount);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        var arrivedAt = time.GetTimestamp();
        Waiter waiter;
        lock (_gate)
        {
            if (TryAdmitNow())
            {
                return ValueTask.FromResult<RateLimitLease>(new Lease(this, arrivedAt));
            }

            _limitReached = true;
            if (_queue.Count >= queueLimit || ExpectedWait(arrivedAt) >= maxWait)
            {
                _refused++;
                return ValueTask.FromResult<RateLimitLease>(RefusedLease.Instance);
            }

            if (_queue.Count == 0)
            {
                _pace.Formed(arrivedAt);
            }

            waiter = new Waiter(this, arrivedAt);
            _queue.AddLast(waiter.Node);
        }

        // Registered once queued: a cancellation from here on finds the waiter in the queue, or already admitted.
        var registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Owner.Cancel((Waiter)state!, token), waiter);
        return new ValueTask<RateLimitLease>(WaitAsync(waiter, registration));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            List<Waiter> waiting;
            lock (_gate)
            {
                waiting = [.. _queue];
                _queue.Clear();
            }

            waiting.ForEach(waiter => waiter.Lease.TrySetResult(RefusedLease.Instance));
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        await base.DisposeAsyncCore();
    }

    private static void RequireOnePermit(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A profile request takes one permit.");
        }
    }

    private static async Task<RateLimitLease> WaitAsync(Waiter waiter, CancellationTokenRegistration registration)
    {
        using (registration)
        {
            return await waiter.Lease.Task;
        }
    }

    /// <summary>Takes a turn at once if nobody waits before it and the limit has room; under the lock.</summary>
    private bool TryAdmitNow()
    {
        if (_queue.Count > 0 || _inFlight >= _limit)
        {
            return false;
        }

        _inFlight++;
        _admitted++;
        return true;
    }

    /// <summary>The oldest waiter, given a turn, if the limit has room; under the lock.</summary>
    private Waiter? TakeAdmittable()
    {
        if (_queue.First is not { } oldest || _inFlight >= _limit)
        {
            return null;
        }

        _queue.RemoveFirst();
        _inFlight++;
        _admitted++;
        var now = time.GetTimestamp();
        _pace.Turn(now);
        if (_queue.Count == 0)
        {
            _pace.Emptied(now);
        }

        return oldest.Value;
    }

    /// <summary>Hands a turn taken under the lock to its waiter, outside it: the waiter's continuation runs elsewhere.</summary>
    private void Admit(Waiter waiter) => waiter.Lease.TrySetResult(new Lease(this, time.GetTimestamp()));

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            // Not in the queue: it was given its turn already, and keeps it.
            if (waiter.Node.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            if (_queue.Count == 0)
            {
                _pace.Emptied(time.GetTimestamp());
            }
        }

        waiter.Lease.TrySetCanceled(token);
    }

    /// <summary>
    /// What a request arriving now can expect to wait: its place in the queue over the pace at
    /// which the queue was seen to drain over about the last <c>maxWait</c> (<see cref="DrainPace"/>),
    /// or, before it has drained, as many fan-outs' time as there are rounds of <see cref="Limit"/>
    /// ahead of it; and at least what the oldest one has waited; under the lock. The pace seen beats
    /// the one Little's law derives from the limit and the mean fan-out: on a saturated machine
    /// fan-outs take longer than the mean of those just ended, and a cut limit admits nobody until
    /// enough have ended, so the derived pace let the queue hold twice what drained in
    /// <c>maxWait</c>, and then refuse everyone while it drained.
    /// </summary>
    private TimeSpan ExpectedWait(long now)
    {
        if (_queue.First is not { } oldest)
        {
            return TimeSpan.Zero;
        }

        var waitedByOldest = time.GetElapsedTime(oldest.Value.ArrivedAt, now);
        var places = _queue.Count + 1;
        return (_pace.PerSecond(now), _meanFanOut) switch
        {
            // At most the longest wait: any wait that long is refused, and a pace near 0 would overflow a TimeSpan.
            ({ } perSecond, _) => Max(waitedByOldest, TimeSpan.FromSeconds(Math.Min(places / perSecond, maxWait.TotalSeconds))),
            (null, { } mean) => Max(waitedByOldest, mean * places / _limit),
            _ => waitedByOldest,
        };
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private void Release(long startedAt)
    {
        Waiter? next;
        var took = time.GetElapsedTime(startedAt);
        lock (_gate)
        {
            _meanFanOut = _meanFanOut is { } mean ? mean + ((took - mean) * LatestWeight) : took;
            _inFlight--;
            next = TakeAdmittable();
        }

        if (next is not null)
        {
            Admit(next);
        }
    }

    private sealed class Waiter
    {
        public Waiter(AdmissionLimiter owner, long arrivedAt)
        {
            Owner = owner;
            ArrivedAt = arrivedAt;
            Node = new LinkedListNode<Waiter>(this);
        }

        public AdmissionLimiter Owner { get; }

        public long ArrivedAt { get; }

        public LinkedListNode<Waiter> Node { get; }

        public TaskCompletionSource<RateLimitLease> Lease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(AdmissionLimiter owner, long startedAt) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(startedAt);
            }

            base.Dispose(disposing);
        }
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
