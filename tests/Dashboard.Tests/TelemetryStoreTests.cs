using Microsoft.Extensions.Logging;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    [Fact]
    public void Traces_are_bounded_and_the_oldest_goes_first()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxTraces = 3 });
        for (var trace = 1; trace <= 5; trace++)
        {
            store.AddSpans(Spans.Resource("gateway"), [Spans.Span(Spans.TraceId(trace), "a", null, trace, trace + 1)]);
        }

        Assert.Equal([Spans.TraceId(5), Spans.TraceId(4), Spans.TraceId(3)], store.GetTraces().Select(trace => trace.TraceId));
        Assert.Null(store.GetTrace(Spans.TraceId(1)));
        Assert.NotNull(store.GetTrace(Spans.TraceId(3)));
    }

    [Fact]
    public void A_trace_gathers_the_spans_of_every_resource_under_one_trace_id()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var traceId = Spans.TraceId(7);
        store.AddSpans(Spans.Resource("gateway"), [Spans.Span(traceId, "root", null, 0, 100, "gateway")]);
        store.AddSpans(Spans.Resource("members"), [Spans.Span(traceId, "server", "root", 10, 50, "members")]);

        var summary = Assert.Single(store.GetTraces());
        Assert.Equal(2, summary.SpanCount);
        Assert.Equal(["gateway", "members"], summary.Resources.Select(resource => resource.ServiceName));
        Assert.Single(store.GetTraces(resource: "members"));
        Assert.Single(store.GetTraces(resource: "members-0"));
        Assert.Empty(store.GetTraces(resource: "skills"));
        Assert.Single(store.GetTraces(text: "SERVER"));
        Assert.Equal(["gateway", "members"], store.GetResources().Select(resource => resource.Key.ServiceName));
    }

    [Fact]
    public void Log_records_are_bounded_per_resource_and_the_oldest_go_first()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxLogRecords = 2 });
        store.AddLogs(Spans.Resource("members"), [Spans.Log("members", "m1", 1), Spans.Log("members", "m2", 2), Spans.Log("members", "m3", 3)]);
        store.AddLogs(Spans.Resource("skills"), [Spans.Log("skills", "s1", 4)]);

        Assert.Equal(["m2", "m3"], store.GetLogs(resource: "members").Select(record => record.Message));
        Assert.Equal(["m2", "m3", "s1"], store.GetLogs().Select(record => record.Message));
        Assert.Equal(["m3", "s1"], store.GetLogs(limit: 2).Select(record => record.Message));
        Assert.Empty(store.GetLogs(minLevel: LogLevel.Warning));
    }

    [Fact]
    public void Logs_can_be_found_by_trace_and_text()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.AddLogs(Spans.Resource("gateway"), [Spans.Log("gateway", "in the trace", traceId: Spans.TraceId(1)), Spans.Log("gateway", "elsewhere")]);

        Assert.Equal("in the trace", Assert.Single(store.GetLogs(traceId: Spans.TraceId(1))).Message);
        Assert.Equal("elsewhere", Assert.Single(store.GetLogs(text: "ELSE")).Message);
    }

    [Fact]
    public void Metric_series_are_kept_per_attribute_set_and_bounded_in_points()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxMetricPoints = 2 });
        var resource = Spans.Resource("gateway");
        var instrument = new TelemetryInstrument(resource.Key, "Profiles.Gateway", "profile.parts", "Parts finished.", "{part}", InstrumentType.Counter, IsDelta: false);
        for (var value = 1; value <= 3; value++)
        {
            store.AddMetrics(resource,
            [
                new MetricSample(instrument, new Dictionary<string, string> { ["part"] = "skills", ["status"] = "ok" }, Point(value)),
                new MetricSample(instrument, new Dictionary<string, string> { ["part"] = "members", ["status"] = "ok" }, Point(value * 10)),
            ]);
        }

        Assert.Equal("profile.parts", Assert.Single(store.GetInstruments("gateway")).Name);
        Assert.Equal(2, store.GetMetricSeries(resource.Key, "profile.parts").Count);
        var skills = Assert.Single(store.GetMetricSeries(resource.Key, "profile.parts", new Dictionary<string, string> { ["part"] = "skills" }));
        Assert.Equal([2.0, 3.0], skills.Points.Select(point => point.Value!.Value));
        Assert.Empty(store.GetMetricSeries(resource.Key, "no.such.instrument"));

        static MetricPoint Point(double value) => new(Spans.T0, Spans.T0.AddSeconds(value), value, Histogram: null);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_see_consistent_counts_and_no_exception()
    {
        const int Writers = 4;
        const int TracesPerWriter = 2_000;
        var store = new TelemetryStore(new TelemetryLimits { MaxTraces = 1_000, MaxLogRecords = 500 });
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var summary in store.GetTraces(limit: 50))
                {
                    // Spans arrive in pairs, but a reader may see a trace between its two writes.
                    var trace = store.GetTrace(summary.TraceId);
                    Assert.True(trace is null || trace.Spans.Count is 1 or 2);
                }

                Assert.InRange(store.GetLogs(limit: 10_000).Count, 0, Writers * 500);
            }
        })).ToList();

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
        {
            for (var index = 0; index < TracesPerWriter; index++)
            {
                var traceId = Spans.TraceId((writer * TracesPerWriter) + index + 1);
                var resource = Spans.Resource("service", writer);
                store.AddSpans(resource, [Spans.Span(traceId, "root", null, 0, 10, "service")]);
                store.AddSpans(resource, [Spans.Span(traceId, "child", "root", 1, 9, "service")]);
                store.AddLogs(resource, [Spans.Log("service", $"log {index}")]);
            }
        })).ToList();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var traces = store.GetTraces(limit: int.MaxValue);
        Assert.Equal(1_000, traces.Count);
        Assert.All(traces, trace => Assert.Equal(2, trace.SpanCount));
        Assert.Equal(traces.Count, traces.Select(trace => trace.TraceId).Distinct().Count());
        Assert.Equal(Writers, store.GetResources().Count);
    }

    [Fact]
    public async Task Watchers_hear_of_each_kind_of_change()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var changes = new List<TelemetryChange>();
        var watching = new TaskCompletionSource();
        var watcher = Task.Run(async () =>
        {
            await using var enumerator = store.WatchAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            var next = enumerator.MoveNextAsync();
            watching.SetResult();
            while (await next)
            {
                changes.Add(enumerator.Current);
                if (changes.Count == 3)
                {
                    return;
                }

                next = enumerator.MoveNextAsync();
            }
        }, timeout.Token);
        await watching.Task;

        store.AddLogs(Spans.Resource("members"), [Spans.Log("members", "hello")]);
        store.AddSpans(Spans.Resource("members"), [Spans.Span(Spans.TraceId(1), "a", null, 0, 1, "members")]);
        await watcher;

        Assert.Equal([TelemetryKind.Resources, TelemetryKind.Logs, TelemetryKind.Traces], changes.Select(change => change.Kind));
        Assert.All(changes, change => Assert.Equal("members", change.Resource.ServiceName));
    }
}
