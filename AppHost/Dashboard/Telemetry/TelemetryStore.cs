using Microsoft.Extensions.Logging;
using Profiles.AppHost.Hosting;

namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>
/// Everything the services sent over OTLP, in memory and bounded (<see cref="TelemetryLimits"/>):
/// spans grouped into traces, structured logs, and metric series. Safe for concurrent writers and
/// readers: each kind has its lock, and every read returns a snapshot the caller owns.
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly ChangeFeed<TelemetryChange> changes = new();

    private readonly Lock resourcesLock = new();
    private readonly Dictionary<ResourceKey, TelemetryResource> resources = [];

    private readonly Lock tracesLock = new();
    private readonly Dictionary<string, LinkedListNode<StoredTrace>> tracesById = new(StringComparer.Ordinal);
    // In order of first arrival: the oldest trace is the first to go.
    private readonly LinkedList<StoredTrace> traces = new();

    private readonly Lock logsLock = new();
    private readonly Dictionary<ResourceKey, Queue<TelemetryLogRecord>> logsByResource = [];

    private readonly Lock metricsLock = new();
    private readonly Dictionary<ResourceKey, Dictionary<string, StoredInstrument>> instrumentsByResource = [];

    public TelemetryLimits Limits => limits;

    /// <summary>Every process that has sent telemetry, by service name then instance id.</summary>
    public IReadOnlyList<TelemetryResource> GetResources()
    {
        lock (resourcesLock)
        {
            return [.. resources.Values.OrderBy(resource => resource.Key.ServiceName, StringComparer.Ordinal).ThenBy(resource => resource.Key.InstanceId, StringComparer.Ordinal)];
        }
    }

    /// <summary>The most recent traces first (by arrival), at most <paramref name="limit"/>.</summary>
    /// <param name="resource">Only traces with a span from this service name or instance id (<see cref="ResourceKey.Matches"/>).</param>
    /// <param name="text">Only traces whose id starts with it or with a span whose name contains it, ignoring case.</param>
    /// <param name="limit">How many at most.</param>
    public IReadOnlyList<TraceSummary> GetTraces(string? resource = null, string? text = null, int limit = 100)
    {
        var matches = new List<(string TraceId, TelemetrySpan[] Spans)>();
        lock (tracesLock)
        {
            for (var node = traces.Last; node is not null && matches.Count < limit; node = node.Previous)
            {
                var trace = node.Value;
                if (trace.Spans.Exists(span => span.Resource.Matches(resource)) && Matches(trace, text))
                {
                    matches.Add((trace.TraceId, [.. trace.Spans]));
                }
            }
        }

        return [.. matches.Select(match => TraceAssembly.Summarize(match.TraceId, match.Spans))];
    }

    /// <summary>One trace with its spans in tree order, or null when it is unknown (or was dropped).</summary>
    public TraceDetail? GetTrace(string traceId)
    {
        TelemetrySpan[] spans;
        lock (tracesLock)
        {
            if (!tracesById.TryGetValue(traceId.ToLowerInvariant(), out var node))
            {
                return null;
            }

            spans = [.. node.Value.Spans];
        }

        return TraceAssembly.Detail(spans[0].TraceId, spans);
    }

    /// <summary>The most recent matching log records, at most <paramref name="limit"/>, oldest first.</summary>
    /// <param name="resource">Only from this service name or instance id (<see cref="ResourceKey.Matches"/>).</param>
    /// <param name="minLevel">Only at this level or above.</param>
    /// <param name="text">Only those whose message or category contains it, ignoring case.</param>
    /// <param name="traceId">Only those logged in this trace.</param>
    /// <param name="spanId">Only those logged in this span.</param>
    /// <param name="limit">How many at most.</param>
    public IReadOnlyList<TelemetryLogRecord> GetLogs(
        string? resource = null, LogLevel? minLevel = null, string? text = null, string? traceId = null, string? spanId = null, int limit = 100)
    {
        var matches = new List<TelemetryLogRecord>();
        lock (logsLock)
        {
            foreach (var (key, records) in logsByResource)
            {
                if (key.Matches(resource))
                {
                    matches.AddRange(records.Where(record =>
                        (minLevel is null || record.Level >= minLevel)
                        && (string.IsNullOrEmpty(text)
                            || record.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                            || record.Category.Contains(text, StringComparison.OrdinalIgnoreCase))
                        && (string.IsNullOrEmpty(traceId) || string.Equals(record.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
                        && (string.IsNullOrEmpty(spanId) || string.Equals(record.SpanId, spanId, StringComparison.OrdinalIgnoreCase))));
                }
            }
        }

        return [.. matches.OrderBy(record => record.Time).TakeLast(limit)];
    }

    /// <summary>The instruments of the matching processes, by resource then name.</summary>
    /// <param name="resource">Only of this service name or instance id (<see cref="ResourceKey.Matches"/>).</param>
    public IReadOnlyList<TelemetryInstrument> GetInstruments(string? resource = null)
    {
        lock (metricsLock)
        {
            return [.. instrumentsByResource
                .Where(entry => entry.Key.Matches(resource))
                .SelectMany(entry => entry.Value.Values.Select(instrument => instrument.Instrument))
                .OrderBy(instrument => instrument.Resource.ToString(), StringComparer.Ordinal)
                .ThenBy(instrument => instrument.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The series of one instrument of one process; empty when it has none.</summary>
    /// <param name="resource">The process.</param>
    /// <param name="instrument">The instrument's name.</param>
    /// <param name="filters">Only the series whose dimensions include every one of these name/value pairs.</param>
    public IReadOnlyList<MetricSeries> GetMetricSeries(ResourceKey resource, string instrument, IReadOnlyDictionary<string, string>? filters = null)
    {
        lock (metricsLock)
        {
            if (!instrumentsByResource.TryGetValue(resource, out var instruments) || !instruments.TryGetValue(instrument, out var stored))
            {
                return [];
            }

            return [.. stored.Series.Values
                .Where(series => filters is null || filters.All(filter =>
                    series.Dimensions.TryGetValue(filter.Key, out var value) && value == filter.Value))
                .Select(series => new MetricSeries(series.Dimensions, [.. series.Points]))];
        }
    }

    /// <summary>A notification for each export that changed the store, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<TelemetryChange> WatchAsync(CancellationToken cancellationToken) => changes.WatchAsync(cancellationToken);

    /// <summary>Keeps the spans of one export from one process.</summary>
    public void AddSpans(TelemetryResource resource, IEnumerable<TelemetrySpan> spans)
    {
        Touch(resource);
        lock (tracesLock)
        {
            foreach (var span in spans)
            {
                if (!tracesById.TryGetValue(span.TraceId, out var node))
                {
                    node = traces.AddLast(new StoredTrace(span.TraceId));
                    tracesById.Add(span.TraceId, node);
                    if (traces.Count > limits.MaxTraces)
                    {
                        tracesById.Remove(traces.First!.Value.TraceId);
                        traces.RemoveFirst();
                    }
                }

                node.Value.Spans.Add(span);
            }
        }

        changes.Publish(new TelemetryChange(TelemetryKind.Traces, resource.Key));
    }

    /// <summary>Keeps the log records of one export from one process.</summary>
    public void AddLogs(TelemetryResource resource, IEnumerable<TelemetryLogRecord> records)
    {
        Touch(resource);
        lock (logsLock)
        {
            if (!logsByResource.TryGetValue(resource.Key, out var kept))
            {
                kept = new Queue<TelemetryLogRecord>();
                logsByResource.Add(resource.Key, kept);
            }

            foreach (var record in records)
            {
                kept.Enqueue(record);
                if (kept.Count > limits.MaxLogRecords)
                {
                    kept.Dequeue();
                }
            }
        }

        changes.Publish(new TelemetryChange(TelemetryKind.Logs, resource.Key));
    }

    /// <summary>Keeps the metric points of one export from one process.</summary>
    public void AddMetrics(TelemetryResource resource, IEnumerable<MetricSample> samples)
    {
        Touch(resource);
        lock (metricsLock)
        {
            if (!instrumentsByResource.TryGetValue(resource.Key, out var instruments))
            {
                instruments = new Dictionary<string, StoredInstrument>(StringComparer.Ordinal);
                instrumentsByResource.Add(resource.Key, instruments);
            }

            foreach (var sample in samples)
            {
                if (!instruments.TryGetValue(sample.Instrument.Name, out var instrument))
                {
                    instrument = new StoredInstrument();
                    instruments.Add(sample.Instrument.Name, instrument);
                }

                instrument.Add(sample, limits.MaxMetricPoints);
            }
        }

        changes.Publish(new TelemetryChange(TelemetryKind.Metrics, resource.Key));
    }

    private static bool Matches(StoredTrace trace, string? text) =>
        string.IsNullOrEmpty(text)
        || trace.TraceId.StartsWith(text, StringComparison.OrdinalIgnoreCase)
        || trace.Spans.Exists(span => span.Name.Contains(text, StringComparison.OrdinalIgnoreCase));

    private void Touch(TelemetryResource resource)
    {
        bool isNew;
        lock (resourcesLock)
        {
            isNew = !resources.ContainsKey(resource.Key);
            resources[resource.Key] = resource;
        }

        if (isNew)
        {
            changes.Publish(new TelemetryChange(TelemetryKind.Resources, resource.Key));
        }
    }

    private sealed record StoredTrace(string TraceId)
    {
        public List<TelemetrySpan> Spans { get; } = [];
    }

    private sealed class StoredInstrument
    {
        public TelemetryInstrument Instrument { get; private set; } = null!;

        public Dictionary<string, StoredSeries> Series { get; } = new(StringComparer.Ordinal);

        public void Add(MetricSample sample, int maxPoints)
        {
            // The latest export describes the instrument best (a description can arrive late).
            Instrument = sample.Instrument;
            var key = string.Join('\u001f', sample.Dimensions.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
            if (!Series.TryGetValue(key, out var series))
            {
                series = new StoredSeries(sample.Dimensions);
                Series.Add(key, series);
            }

            series.Points.Enqueue(sample.Point);
            if (series.Points.Count > maxPoints)
            {
                series.Points.Dequeue();
            }
        }
    }

    private sealed record StoredSeries(IReadOnlyDictionary<string, string> Dimensions)
    {
        public Queue<MetricPoint> Points { get; } = new();
    }
}
