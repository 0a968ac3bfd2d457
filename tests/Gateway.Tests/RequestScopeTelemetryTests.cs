using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Scopes;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Tests;

/// <summary>Each child is a span with its status, and the scope counts its children in flight.</summary>
[Collection(nameof(UnobservedExceptionWatch))]
public sealed class RequestScopeTelemetryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public RequestScopeTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                lock (_spans)
                {
                    _spans.Add(span);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Each_child_is_a_span_named_for_its_part_with_its_status()
    {
        var telemetry = new GatewayTelemetry(_services.GetRequiredService<IMeterFactory>());
        using var request = new Activity("request").Start();
        await using (var scope = new RequestScope(TimeSpan.FromSeconds(1), _time, telemetry, TestContext.Current.CancellationToken))
        {
            _ = scope.StartChild("members", new ChildOptions(Required: true), _ => Task.FromResult(1));
            _ = scope.StartChild<int>("skills", new ChildOptions(Required: false), _ => throw new InvalidOperationException("down"));
            await scope.CompleteAsync();
        }

        var spans = SpansOf(request.TraceId);
        var members = Assert.Single(spans, span => span.DisplayName == "profile.part members");
        var skills = Assert.Single(spans, span => span.DisplayName == "profile.part skills");
        Assert.Equal("ok", members.GetTagItem("profile.part.status"));
        Assert.Equal(ActivityStatusCode.Ok, members.Status);
        Assert.Equal("failed", skills.GetTagItem("profile.part.status"));
        Assert.Equal(ActivityStatusCode.Error, skills.Status);
        Assert.Equal(request.SpanId, members.ParentSpanId);
    }

    [Fact]
    public async Task The_children_in_flight_are_counted_while_they_run()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        var telemetry = new GatewayTelemetry(meters);
        var inFlight = 0L;
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // This test's meter only: other tests' scopes, running alongside, count in meters of the same name.
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == GatewayTelemetry.Name && instrument.Name == "profile.inflight")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref inFlight, delta));
        meterListener.Start();

        await using var scope = new RequestScope(TimeSpan.FromSeconds(1), _time, telemetry, TestContext.Current.CancellationToken);
        _ = scope.StartChild("members", new ChildOptions(Required: true), async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, context.CancellationToken);
            return 1;
        });
        _ = scope.StartChild("skills", new ChildOptions(Required: false), async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, context.CancellationToken);
            return 2;
        });

        Assert.Equal(2, Interlocked.Read(ref inFlight));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, Interlocked.Read(ref inFlight));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await scope.CompleteAsync();
        Assert.Equal(0, Interlocked.Read(ref inFlight));
    }

    private List<Activity> SpansOf(ActivityTraceId traceId)
    {
        lock (_spans)
        {
            return _spans.Where(span => span.TraceId == traceId).ToList();
        }
    }
}
