using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Tests;

public sealed class TraceDetailTests
{
    private static readonly string TraceId = Spans.TraceId(42);

    [Fact]
    public void Spans_come_in_tree_order_with_their_depth_and_offset()
    {
        var trace = Detail(
            Spans.Span(TraceId, "grandchild", "late", 35, 45),
            Spans.Span(TraceId, "late", "root", 30, 50),
            Spans.Span(TraceId, "root", null, 0, 100),
            Spans.Span(TraceId, "early", "root", 10, 20));

        Assert.Equal(["root", "early", "late", "grandchild"], trace.Spans.Select(span => span.Span.SpanId));
        Assert.Equal([0, 1, 1, 2], trace.Spans.Select(span => span.Depth));
        Assert.Equal(TimeSpan.FromMilliseconds(30), trace.Spans[2].Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(100), trace.Summary.Duration);
    }

    [Fact]
    public void The_critical_path_follows_from_the_root_the_child_that_ended_last()
    {
        // A fan-out: network ends last because of its nested presence lookup; members is long but ends first.
        var trace = Detail(
            Spans.Span(TraceId, "request", null, 0, 210),
            Spans.Span(TraceId, "members", "request", 1, 150),
            Spans.Span(TraceId, "network", "request", 2, 205),
            Spans.Span(TraceId, "network-own-work", "network", 3, 100),
            Spans.Span(TraceId, "presence", "network", 100, 200),
            Spans.Span(TraceId, "skills", "request", 3, 60));

        Assert.Equal(["request", "network", "presence"], trace.CriticalPath.Select(span => span.SpanId));
        Assert.Equal(["request", "network", "presence"], trace.Spans.Where(span => span.IsOnCriticalPath).Select(span => span.Span.SpanId));
    }

    [Fact]
    public void Spans_whose_parent_has_not_arrived_are_roots_after_the_real_one()
    {
        var trace = Detail(
            Spans.Span(TraceId, "orphan", "missing", 5, 8),
            Spans.Span(TraceId, "root", null, 0, 10));

        Assert.Equal(["root", "orphan"], trace.Spans.Select(span => span.Span.SpanId));
        Assert.All(trace.Spans, span => Assert.Equal(0, span.Depth));
        Assert.Equal("root", trace.Summary.Name);
    }

    [Fact]
    public void Parent_ids_that_loop_place_each_span_once()
    {
        var trace = Detail(
            Spans.Span(TraceId, "a", "b", 0, 10),
            Spans.Span(TraceId, "b", "a", 1, 9));

        Assert.Equal(2, trace.Spans.Count);
        Assert.Equal(["a", "b"], trace.CriticalPath.Select(span => span.SpanId));
    }

    private static TraceDetail Detail(params TelemetrySpan[] spans)
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.AddSpans(Spans.Resource("gateway"), spans);
        return store.GetTrace(TraceId)!;
    }
}
