using System.Runtime.InteropServices;

namespace Profiles.Load.Measurement;

/// <summary>
/// How fast the machine runs a fixed piece of work, sampled on a thread of its own all through a
/// run: the work's own CPU time (the thread's, from <c>CLOCK_THREAD_CPUTIME_ID</c>, so that waiting
/// for a core does not count). The same build's CPU per profile has moved by a factor of two
/// between runs on this virtual machine; a virtual CPU that runs slower would charge more CPU time
/// for the same instructions, and so would this work, which tells a slower host from a costlier
/// build. The probe costs about 2 % of one core.
/// </summary>
public sealed partial class HostSpeed
{
    private const int ThreadCpuClock = 3;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly List<double> _samples = [];
    private readonly Thread _thread;
    private volatile bool _stopping;

    private HostSpeed()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "host speed probe" };
        _thread.Start();
    }

    public static HostSpeed Start() => new();

    /// <summary>Stops sampling; the median CPU time of one unit of work over the run, in milliseconds.</summary>
    public double Stop()
    {
        _stopping = true;
        _thread.Join();
        _samples.Sort();
        return _samples[_samples.Count / 2];
    }

    /// <summary>The CPU time one unit of work takes, in milliseconds.</summary>
    public static double MeasureOnce()
    {
        var start = ThreadCpu();
        Work.Run();
        return (ThreadCpu() - start).TotalMilliseconds;
    }

    private void Sample()
    {
        // One sample at least, taken before the stop is heeded: on a slow machine the first run
        // (which builds the walk) can outlast a smoke run's one-second phase.
        Work.Run();
        _samples.Add(MeasureOnce());
        while (!_stopping)
        {
            Thread.Sleep(Pause);
            _samples.Add(MeasureOnce());
        }
    }

    private static TimeSpan ThreadCpu()
    {
        if (ClockGetTime(ThreadCpuClock, out var now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime failed: {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromTicks((now.Seconds * TimeSpan.TicksPerSecond) + (now.Nanoseconds / TimeSpan.NanosecondsPerTick));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>
    /// A fixed unit of work of both kinds a service does: computing in cache (sorting) and reading
    /// memory beyond it (a dependent walk through 8 MB, past this machine's caches).
    /// </summary>
    private static class Work
    {
        private const int SortedLength = 4096;
        private const int WalkLength = 2 * 1024 * 1024;
        private const int Steps = 100_000;

        private static readonly int[] Walk = BuildWalk();

        [ThreadStatic]
        private static int[]? _sorted;

        // Where the walk ended, kept so that the compiler cannot drop the walk as unused.
        private static int _end;

        public static void Run()
        {
            var sorted = _sorted ??= new int[SortedLength];
            var seed = 12345u;
            for (var round = 0; round < 8; round++)
            {
                for (var i = 0; i < sorted.Length; i++)
                {
                    seed = (seed * 1664525) + 1013904223;
                    sorted[i] = (int)seed;
                }

                Array.Sort(sorted);
            }

            var at = 0;
            for (var step = 0; step < Steps; step++)
            {
                at = Walk[at];
            }

            Volatile.Write(ref _end, at);
        }

        /// <summary>One cycle through every slot in a random order, so each read depends on the last and no prefetcher guesses it.</summary>
        private static int[] BuildWalk()
        {
            var order = Enumerable.Range(0, WalkLength).ToArray();
            new Random(42).Shuffle(order);
            var walk = new int[WalkLength];
            for (var i = 0; i < WalkLength; i++)
            {
                walk[order[i]] = order[(i + 1) % WalkLength];
            }

            return walk;
        }
    }
}
