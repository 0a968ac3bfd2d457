using Profiles.Gateway.Hosting;
using Profiles.Gateway.Profiles;
using Profiles.Resilience;

namespace Profiles.Gateway.Diagnostics;

/// <summary>
/// What the runtime of this process is doing at one moment: the thread pool (which a blocking
/// request starves, and which answers by injecting threads), memory, and the garbage collector's
/// counts since the process started (two snapshots around a run give what the run allocated and
/// collected, and how long the collector paused the process), the admission limit with the
/// fan-outs running under it and the requests queued behind it, the time kept back from the
/// parts to answer in, and each part's hedging delay, which move with the load.
/// Read over time by the load harness, which cannot see inside the process otherwise.
/// </summary>
public sealed record RuntimeSnapshot(
    int ThreadPoolThreads,
    long PendingWorkItems,
    long CompletedWorkItems,
    long GcHeapBytes,
    long WorkingSetBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long AllocatedBytes,
    double GcPauseMs,
    int AdmissionLimit,
    int AdmissionInFlight,
    long AdmissionQueued,
    double StopLagMs,
    IReadOnlyDictionary<string, double> HedgingDelaysMs)
{
    public static RuntimeSnapshot Now(AdmissionLimiter admission, DeadlineReserve reserve, HedgingDelayTelemetry hedging) => new(
        ThreadPool.ThreadCount,
        ThreadPool.PendingWorkItemCount,
        ThreadPool.CompletedWorkItemCount,
        GC.GetGCMemoryInfo().HeapSizeBytes,
        Environment.WorkingSet,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        // Not precise: exact to within each thread's allocation context (kilobytes), which a run of thousands of requests dwarfs.
        GC.GetTotalAllocatedBytes(precise: false),
        GC.GetTotalPauseDuration().TotalMilliseconds,
        admission.Limit,
        admission.InFlight,
        admission.GetStatistics().CurrentQueuedCount,
        reserve.StopLag.TotalMilliseconds,
        hedging.DelaysMs);
}
