using System.Net.Http.Json;
using System.Text.Json;

namespace Profiles.Load.Measurement;

/// <summary>The gateway's runtime over a run, from its own <c>/diagnostics/runtime</c>.</summary>
public sealed class GatewayRuntime(HttpClient client, Uri gateway)
{
    private readonly Lock _gate = new();
    private int _asked;

    public List<(double Seconds, RuntimeSample Sample)> Samples { get; } = [];

    /// <summary>Snapshots asked for: those beyond <see cref="Samples"/> the gateway did not answer within a second, too busy to.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public async Task SampleAsync(TimeSpan at)
    {
        Interlocked.Increment(ref _asked);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var sample = await client.GetFromJsonAsync<RuntimeSample>(new Uri(gateway, "/diagnostics/runtime"), JsonSerializerOptions.Web, timeout.Token)
            ?? throw new InvalidOperationException("The gateway sent no runtime snapshot.");
        lock (_gate)
        {
            Samples.Add((at.TotalSeconds, sample));
        }
    }

    /// <summary>
    /// How long the gateway's collector paused it from the last sample at or before
    /// <paramref name="from"/> to the first at or after <paramref name="to"/> (seconds into the run),
    /// over how many seconds; none without samples.
    /// </summary>
    public (double Seconds, double PauseMs) GcPausesBetween(double from, double to)
    {
        lock (_gate)
        {
            if (Samples.Count == 0)
            {
                return (0, double.NaN);
            }

            var start = Samples.LastOrDefault(sample => sample.Seconds <= from, Samples[0]);
            var end = Samples.FirstOrDefault(sample => sample.Seconds >= to, Samples[^1]);
            return (end.Seconds - start.Seconds, end.Sample.GcPauseMs - start.Sample.GcPauseMs);
        }
    }

    /// <summary>The most the gateway's collector paused it between two samples in a row (the sampling interval apart), in ms.</summary>
    public double MostGcPauseInOneInterval()
    {
        lock (_gate)
        {
            var inOrder = Samples.OrderBy(sample => sample.Seconds).ToList();
            return inOrder.Count < 2 ? double.NaN : inOrder.Zip(inOrder.Skip(1), (before, after) => after.Sample.GcPauseMs - before.Sample.GcPauseMs).Max();
        }
    }

    public RuntimeSample? Latest()
    {
        lock (_gate)
        {
            return Samples.Count == 0 ? null : Samples[^1].Sample;
        }
    }

    public RuntimeSample? Peak(Func<RuntimeSample, long> by)
    {
        lock (_gate)
        {
            return Samples.Count == 0 ? null : Samples.MaxBy(entry => by(entry.Sample)).Sample;
        }
    }

    /// <summary>The last sample at <paramref name="by"/>'s peak: the end of a plateau, with the most gathered while it lasted.</summary>
    public RuntimeSample? LastAtPeak(Func<RuntimeSample, long> by)
    {
        lock (_gate)
        {
            if (Samples.Count == 0)
            {
                return null;
            }

            var peak = Samples.Max(entry => by(entry.Sample));
            return Samples.Last(entry => by(entry.Sample) == peak).Sample;
        }
    }
}

/// <summary>What <c>/diagnostics/runtime</c> answers (the gateway's <c>RuntimeSnapshot</c>).</summary>
public sealed record RuntimeSample(
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
    IReadOnlyDictionary<string, double>? HedgingDelaysMs);
