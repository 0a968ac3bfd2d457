namespace Profiles.Gateway.Hosting;

/// <summary>
/// One work item on the thread pool's global queue, where requests arriving from Kestrel queue
/// too, timed from being queued to starting: how long the pool keeps work waiting right now.
/// </summary>
internal sealed class SchedulingDelayProbe : IThreadPoolWorkItem
{
    private readonly TimeProvider _time;
    private readonly long _queuedAt;
    private readonly TaskCompletionSource<TimeSpan> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SchedulingDelayProbe(TimeProvider time)
    {
        _time = time;
        _queuedAt = time.GetTimestamp();
    }

    public static Task<TimeSpan> MeasureAsync(TimeProvider time)
    {
        var probe = new SchedulingDelayProbe(time);
        ThreadPool.UnsafeQueueUserWorkItem(probe, preferLocal: false);
        return probe._started.Task;
    }

    public void Execute() => _started.SetResult(_time.GetElapsedTime(_queuedAt));
}
