using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Profiles.Load.Driving;

namespace Profiles.Load.Measurement;

/// <summary>
/// What one run of requests did: an HdrHistogram of latencies (microseconds, 1 µs to 5 min, three
/// significant digits), the count and throughput, the errors by status, and the slowest answered
/// profiles whole. Safe to record into from every request at once.
/// </summary>
public sealed class RunStats
{
    /// <summary>The slowest answered profiles kept whole: 1 % of a run of 10,000, whose slowest ten are its p99.9.</summary>
    public const int SlowestKept = 100;

    private readonly PriorityQueue<SlowAnswer, TimeSpan> _slowest = new();
    private long _slowestFloorTicks = -1;
    private readonly LongConcurrentHistogram _latency = new(1, TimeSpan.FromMinutes(5).Ticks / TimeSpan.TicksPerMicrosecond, 3);
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private readonly ConcurrentDictionary<string, long> _byCriticalPart = new(StringComparer.Ordinal);
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private long _endedAt;

    public string Name { get; }

    public RunStats(string name) => Name = name;

    public HistogramBase Latency => _latency;

    public long Count => _latency.TotalCount;

    public long Errors => _byStatus.Where(pair => pair.Key != 200).Sum(pair => pair.Value);

    public IReadOnlyDictionary<int, long> ByStatus => _byStatus;

    /// <summary>How many answered profiles each part decided the latency of.</summary>
    public IReadOnlyDictionary<string, long> ByCriticalPart => _byCriticalPart;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt, _endedAt == 0 ? Stopwatch.GetTimestamp() : _endedAt);

    public double Throughput => Count / Elapsed.TotalSeconds;

    /// <summary>Successful (200) answers per second: a fast error is not throughput.</summary>
    public double Goodput => _byStatus.GetValueOrDefault(200) / Elapsed.TotalSeconds;

    public void Record(Outcome outcome)
    {
        Record(outcome.Status, outcome.Latency);
        if (outcome.CriticalPart is { } part)
        {
            _byCriticalPart.AddOrUpdate(part, 1, static (_, count) => count + 1);
        }

        if (outcome is { IsSuccess: true, Body: { } body })
        {
            Keep(new SlowAnswer(outcome.Latency, outcome.Unsent, body));
        }
    }

    /// <summary>The slowest answered profiles, at most <see cref="SlowestKept"/>, the slowest first.</summary>
    public IReadOnlyList<SlowAnswer> Slowest
    {
        get
        {
            lock (_slowest)
            {
                return [.. _slowest.UnorderedItems.Select(item => item.Element).OrderByDescending(answer => answer.Latency)];
            }
        }
    }

    public void Record(int status, TimeSpan latency)
    {
        _latency.RecordValue(Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, _latency.HighestTrackableValue));
        _byStatus.AddOrUpdate(status, 1, static (_, count) => count + 1);
    }

    /// <summary>
    /// Once the slowest are kept, an answer no slower than the fastest of them is let go without the
    /// lock: nearly every answer of a run.
    /// </summary>
    private void Keep(SlowAnswer answer)
    {
        if (answer.Latency.Ticks <= Volatile.Read(ref _slowestFloorTicks))
        {
            return;
        }

        lock (_slowest)
        {
            _slowest.Enqueue(answer, answer.Latency);
            if (_slowest.Count > SlowestKept)
            {
                _slowest.Dequeue();
            }

            if (_slowest.Count == SlowestKept)
            {
                _slowest.TryPeek(out _, out var floor);
                Volatile.Write(ref _slowestFloorTicks, floor.Ticks);
            }
        }
    }

    /// <summary>Ends the clock of the run: throughput counts the time up to here.</summary>
    public void Stop() => _endedAt = Stopwatch.GetTimestamp();

    public double PercentileMs(double percentile) => _latency.TotalCount == 0 ? double.NaN : _latency.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => _latency.TotalCount == 0 ? double.NaN : _latency.GetMaxValue() / 1000.0;

    /// <summary>Errors as "504×3, none×1" (status 0 is no answer at all), or "none".</summary>
    public string ErrorSummary()
    {
        var errors = _byStatus.Where(pair => pair.Key != 200).OrderBy(pair => pair.Key)
            .Select(pair => $"{(pair.Key == LoadClient.NoAnswer ? "no answer" : pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{pair.Value}")
            .ToArray();
        return errors.Length == 0 ? "none" : string.Join(", ", errors);
    }
}
