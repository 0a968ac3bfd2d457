using System.Collections.Concurrent;
using System.Diagnostics;
using Profiles.Fixtures.Otlp.Trace;

namespace Profiles.Fixtures.Otlp;

/// <summary>
/// The spans of the traces a caller asked for, as every process exported them, so that a scenario
/// can time one request hop by hop across the processes (same machine, same clock). Only watched
/// traces are kept: a load run exports hundreds of thousands of spans nobody reads one by one.
/// </summary>
public sealed class SpanCapture
{
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<CapturedSpan>> _traces = new();
    private int _count;

    /// <summary>Keeps the spans of <paramref name="traceId"/> that arrive from now on.</summary>
    public void Watch(ActivityTraceId traceId) => _traces.TryAdd(traceId, new ConcurrentQueue<CapturedSpan>());

    /// <summary>The spans of a watched trace received so far, in no particular order.</summary>
    public IReadOnlyList<CapturedSpan> Spans(ActivityTraceId traceId) =>
        _traces.TryGetValue(traceId, out var spans) ? [.. spans] : [];

    /// <summary>How many spans of watched traces have arrived, to tell when the exports have caught up.</summary>
    public int Count => Volatile.Read(ref _count);

    internal void Add(string service, Span span)
    {
        if (span.TraceId.Length != 16 || !_traces.TryGetValue(ActivityTraceId.CreateFromBytes(span.TraceId.Span), out var spans))
        {
            return;
        }

        spans.Enqueue(new CapturedSpan(
            service,
            span.Name,
            Kind(span.Kind),
            ActivitySpanId.CreateFromBytes(span.SpanId.Span),
            span.ParentSpanId.Length == 8 ? ActivitySpanId.CreateFromBytes(span.ParentSpanId.Span) : null,
            FromUnixNanoseconds(span.StartTimeUnixNano),
            FromUnixNanoseconds(span.EndTimeUnixNano)));
        Interlocked.Increment(ref _count);
    }

    private static ActivityKind Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => ActivityKind.Server,
        Span.Types.SpanKind.Client => ActivityKind.Client,
        Span.Types.SpanKind.Producer => ActivityKind.Producer,
        Span.Types.SpanKind.Consumer => ActivityKind.Consumer,
        _ => ActivityKind.Internal,
    };

    private static DateTimeOffset FromUnixNanoseconds(ulong nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanoseconds / 100));
}

/// <summary>One exported span: the service that exported it, and where it sits in its trace and in time.</summary>
public sealed record CapturedSpan(
    string Service, string Name, ActivityKind Kind, ActivitySpanId SpanId, ActivitySpanId? ParentSpanId, DateTimeOffset Start, DateTimeOffset End);
