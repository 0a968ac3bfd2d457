namespace Profiles.Simulation.Faults;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers fire within a millisecond of their time, for the
/// latencies the simulation injects. The runtime's own timers (behind <see cref="Task.Delay(TimeSpan)"/>
/// and <see cref="TimeProvider.System"/>) count <see cref="Environment.TickCount64"/>, which on Linux
/// reads <c>CLOCK_MONOTONIC_COARSE</c> and moves in kernel ticks, 4 ms on this project's machines:
/// a 50 ms delay took 51.8 ms on average (TimerBenchmarks, 2026-12-05), so every simulated backend
/// answered about 2 ms later than its fault said, and the fan-out's overhead was charged with it.
/// No library offers a finer timer, so one thread keeps the timers in due order and sleeps until
/// the first with <see cref="Monitor.Wait(object, int)"/>, whose timeout the runtime waits out on
/// <c>CLOCK_MONOTONIC</c>. Callbacks run on the thread pool, with the creator's execution context,
/// as the runtime's timers run theirs.
/// </summary>
public sealed class HighResolutionTimeProvider : TimeProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<(DueTimer Timer, long Version), long> _due = new();
    private readonly Thread _thread;
    private bool _disposed;

    public HighResolutionTimeProvider()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "High-resolution timers" };
        _thread.Start();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new DueTimer(this, callback, state, ExecutionContext.Capture());
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        lock (_gate)
        {
            while (!_disposed)
            {
                if (!_due.TryPeek(out var next, out var dueTimestamp))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var wait = GetElapsedTime(GetTimestamp(), dueTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    // Rounded up: a timer may fire late by less than a millisecond, never early.
                    Monitor.Wait(_gate, (int)Math.Ceiling(wait.TotalMilliseconds));
                    continue;
                }

                _due.Dequeue();
                next.Timer.Fire(next.Version, dueTimestamp);
            }
        }
    }

    /// <summary>Queues <paramref name="timer"/> to fire at <paramref name="dueTimestamp"/>; called under the gate.</summary>
    private void Enqueue(DueTimer timer, long version, long dueTimestamp)
    {
        var earliest = !_due.TryPeek(out _, out var first) || dueTimestamp < first;
        _due.Enqueue((timer, version), dueTimestamp);
        if (earliest)
        {
            Monitor.Pulse(_gate);
        }
    }

    private long ToTimestampTicks(TimeSpan interval) =>
        (long)Math.Ceiling(interval.Ticks * ((double)TimestampFrequency / TimeSpan.TicksPerSecond));

    /// <summary>
    /// One timer. Its queue entries carry the version they were made for: a change or a disposal
    /// moves the version on, and an entry of an older one is dropped when it comes due, since a
    /// <see cref="PriorityQueue{TElement, TPriority}"/> cannot remove from its middle.
    /// </summary>
    private sealed class DueTimer(HighResolutionTimeProvider provider, TimerCallback callback, object? state, ExecutionContext? context)
        : ITimer, IThreadPoolWorkItem
    {
        private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        private long _version;
        private TimeSpan _period;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateInterval(dueTime);
            ValidateInterval(period);
            lock (provider._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                ObjectDisposedException.ThrowIf(provider._disposed, provider);
                _version++;
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    provider.Enqueue(this, _version, provider.GetTimestamp() + provider.ToTimestampTicks(dueTime));
                }

                return true;
            }
        }

        /// <summary>Runs the callback if <paramref name="version"/> is still this timer's, and queues the next period; called under the gate.</summary>
        public void Fire(long version, long dueTimestamp)
        {
            if (_disposed || version != _version)
            {
                return;
            }

            if (_period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero)
            {
                provider.Enqueue(this, _version, Math.Max(dueTimestamp + provider.ToTimestampTicks(_period), provider.GetTimestamp()));
            }

            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        public void Execute()
        {
            if (context is null)
            {
                Invoke();
                return;
            }

            ExecutionContext.Run(context, static timer => ((DueTimer)timer!).Invoke(), this);
        }

        private void Invoke() => callback(state);

        public void Dispose()
        {
            lock (provider._gate)
            {
                _disposed = true;
                _version++;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ValidateInterval(TimeSpan interval, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(interval))] string? name = null)
        {
            if (interval != Timeout.InfiniteTimeSpan && (interval < TimeSpan.Zero || interval > Longest))
            {
                throw new ArgumentOutOfRangeException(name, interval, "A timer's interval must be Timeout.InfiniteTimeSpan or between zero and 2^32 - 2 ms.");
            }
        }
    }
}
