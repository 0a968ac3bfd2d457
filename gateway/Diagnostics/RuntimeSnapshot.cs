namespace Profiles.Gateway.Diagnostics;

/// <summary>
/// What the runtime of this process is doing at one moment: the thread pool (which a blocking
/// request starves, and which answers by injecting threads) and memory. Read over time by the
/// load harness, which cannot see inside the process otherwise.
/// </summary>
public sealed record RuntimeSnapshot(
    int ThreadPoolThreads,
    long PendingWorkItems,
    long CompletedWorkItems,
    long GcHeapBytes,
    long WorkingSetBytes)
{
    public static RuntimeSnapshot Now() => new(
        ThreadPool.ThreadCount,
        ThreadPool.PendingWorkItemCount,
        ThreadPool.CompletedWorkItemCount,
        GC.GetGCMemoryInfo().HeapSizeBytes,
        Environment.WorkingSet);
}
