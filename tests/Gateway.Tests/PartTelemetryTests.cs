using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Tests;

/// <summary>Each part is a span with its status, and the parts in flight are counted: from outside the scope, which knows nothing of telemetry.</summary>
public sealed class PartTelemetryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public PartTelemetryTests()
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

    private static ProfileQuery Query() => new(42, 7, FanOutMode.Concurrent, TimeSpan.FromSeconds(1), 5, Hedging: false, FaultHeader: null);

    private ProfileFanOut FanOut(GatewayTelemetry telemetry, params FakePart[] parts) =>
        new(parts, Options.Create(new FanOutOptions()), _time, telemetry,
            new DeadlineOverruns(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>()),
            new DeadlineReserve(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>(), TimeProvider.System));

    [Fact]
    public async Task Each_part_is_a_span_named_for_it_with_its_status()
    {
        var telemetry = new GatewayTelemetry(_services.GetRequiredService<IMeterFactory>());
        using var request = new Activity("request").Start();
        var fanOut = FanOut(
            telemetry,
            new FakePart(_time, "members", true, _ => Task.FromResult("card")),
            new FakePart(_time, "skills", false, _ => throw new InvalidOperationException("down")));
        await fanOut.FetchAsync(Query(), null, TestContext.Current.CancellationToken);

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
    public async Task A_backend_s_failure_is_recorded_by_its_type_and_a_failure_of_the_gateway_s_own_with_its_stack_trace()
    {
        var telemetry = new GatewayTelemetry(_services.GetRequiredService<IMeterFactory>());
        using var request = new Activity("request").Start();
        var fanOut = FanOut(
            telemetry,
            new FakePart(_time, "members", true, _ => Task.FromResult("card")),
            new FakePart(_time, "skills", false, _ => throw new RpcException(new Status(StatusCode.Unavailable, "gone"))),
            new FakePart(_time, "experience", false, _ => throw new InvalidOperationException("a bug")));
        await fanOut.FetchAsync(Query(), null, TestContext.Current.CancellationToken);

        var spans = SpansOf(request.TraceId);
        var skills = Assert.Single(spans, span => span.DisplayName == "profile.part skills");
        var experience = Assert.Single(spans, span => span.DisplayName == "profile.part experience");
        Assert.Equal(ActivityStatusCode.Error, skills.Status);
        Assert.Equal(typeof(RpcException).FullName, skills.GetTagItem("error.type"));
        Assert.DoesNotContain(skills.Events, recorded => recorded.Name == "exception");
        Assert.Equal(ActivityStatusCode.Error, experience.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, experience.GetTagItem("error.type"));
        var exception = Assert.Single(experience.Events, recorded => recorded.Name == "exception");
        Assert.Contains(exception.Tags, tag => tag.Key == "exception.stacktrace" && tag.Value is string trace && trace.Contains("a bug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_parts_in_flight_are_counted_while_they_run()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        var telemetry = new GatewayTelemetry(meters);
        var inFlight = 0L;
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // This test's meter only: other tests' fan-outs, running alongside, count in meters of the same name.
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == GatewayTelemetry.Name && instrument.Name == "profile.inflight")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref inFlight, delta));
        meterListener.Start();

        var fanOut = FanOut(
            telemetry,
            new FakePart(_time, "members", true, async token =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, token);
                return "card";
            }),
            new FakePart(_time, "skills", false, async token =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, token);
                return "skills";
            }));
        var fetch = fanOut.FetchAsync(Query(), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, Interlocked.Read(ref inFlight));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, Interlocked.Read(ref inFlight));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await fetch;
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
