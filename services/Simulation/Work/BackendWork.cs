using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Profiles.Simulation.Work;

/// <summary>
/// Counts the work a backend does, by service: in flight, completed, cancelled, failed. The counts
/// go to the <c>Profiles.Backend</c> meter for the dashboard, and are kept here too so that a test
/// or the load harness can ask the backend itself (<c>/diagnostics/work</c>) whether a cancellation
/// reached it, rather than trusting the caller's view. The time each service last observed a
/// cancellation is kept too, so that the harness can tell how long an abort took to arrive.
/// </summary>
public sealed class BackendWork
{
    public const string MeterName = "Profiles.Backend";

    private readonly ConcurrentDictionary<string, Counts> _byService = new(StringComparer.Ordinal);
    private readonly UpDownCounter<long> _inflight;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _failed;
    private readonly TimeProvider _timeProvider;

    public BackendWork(IMeterFactory meterFactory, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        var meter = meterFactory.Create(MeterName);
        _inflight = meter.CreateUpDownCounter<long>("backend.work.inflight", "{call}", "Calls being worked on.");
        _completed = meter.CreateCounter<long>("backend.work.completed", "{call}", "Calls that ran to completion.");
        _cancelled = meter.CreateCounter<long>("backend.work.cancelled", "{call}", "Calls stopped because their caller cancelled or their deadline passed.");
        _failed = meter.CreateCounter<long>("backend.work.failed", "{call}", "Calls that ended in an error.");
    }

    /// <summary>Runs one call's work and accounts for how it ended.</summary>
    public async Task<T> TrackAsync<T>(string service, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var counts = _byService.GetOrAdd(service, static _ => new Counts());
        var tag = new KeyValuePair<string, object?>("service", service);

        Interlocked.Increment(ref counts.InFlight);
        _inflight.Add(1, tag);
        try
        {
            var result = await work();
            Interlocked.Increment(ref counts.Completed);
            _completed.Add(1, tag);
            return result;
        }
        catch (Exception exception) when (IsCancellation(exception, cancellationToken))
        {
            Interlocked.Exchange(ref counts.LastCancelledAtTicks, _timeProvider.GetUtcNow().UtcTicks);
            Interlocked.Increment(ref counts.Cancelled);
            _cancelled.Add(1, tag);
            throw;
        }
        catch
        {
            Interlocked.Increment(ref counts.Failed);
            _failed.Add(1, tag);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref counts.InFlight);
            _inflight.Add(-1, tag);
        }
    }

    /// <summary>Runs one call's work that has no result (a stream's writes) and accounts for how it ended.</summary>
    public Task TrackAsync(string service, Func<Task> work, CancellationToken cancellationToken) =>
        TrackAsync(service, async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    public IReadOnlyDictionary<string, BackendWorkSnapshot> Snapshot() =>
        _byService.ToDictionary(
            pair => pair.Key,
            pair => new BackendWorkSnapshot(
                Volatile.Read(ref pair.Value.InFlight),
                Volatile.Read(ref pair.Value.Completed),
                Volatile.Read(ref pair.Value.Cancelled),
                Volatile.Read(ref pair.Value.Failed)),
            StringComparer.Ordinal);

    /// <summary>
    /// When each service last observed a cancellation (UTC, the machine's clock), for the services
    /// that have observed one: a client on the same machine compares it with when it aborted.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastCancellations() =>
        _byService
            .Select(pair => (pair.Key, Ticks: Interlocked.Read(ref pair.Value.LastCancelledAtTicks)))
            .Where(entry => entry.Ticks != 0)
            .ToDictionary(entry => entry.Key, entry => new DateTimeOffset(entry.Ticks, TimeSpan.Zero), StringComparer.Ordinal);

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        || exception is OperationCanceledException
        || exception is RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded };

    private sealed class Counts
    {
        public long InFlight;
        public long Completed;
        public long Cancelled;
        public long Failed;
        public long LastCancelledAtTicks;
    }
}

public sealed record BackendWorkSnapshot(long InFlight, long Completed, long Cancelled, long Failed);
